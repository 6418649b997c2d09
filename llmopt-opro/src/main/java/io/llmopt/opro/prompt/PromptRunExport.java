package io.llmopt.opro.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.runtime.RunFolderException;
import io.llmopt.core.text.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a prompt optimization's tables for spreadsheets and notebooks: every candidate as CSV
 * (one row each, dropped ones included), and the whole result as JSON (steps with their
 * meta-prompts, candidates, the final evaluation with intervals and paired tests).
 */
public final class PromptRunExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> COLUMNS = List.of("id", "step", "status", "reason", "instruction",
            "train_score", "penalized_score", "validation_score", "test_score");

    private PromptRunExport() {
    }

    /** The candidates as CSV (RFC 4180 quoting, formula-like text made inert: core's {@link Csv}), header first. */
    public static String candidatesCsv(List<PromptCandidate> candidates) {
        StringBuilder csv = new StringBuilder(Csv.row(COLUMNS));
        for (PromptCandidate c : candidates) {
            csv.append(Csv.row(Arrays.asList(c.id(), c.step(), c.status().wireName(), c.reason(), c.instruction(),
                    c.trainScore(), c.penalizedScore(), c.validationScore(), c.testScore())));
        }
        return csv.toString();
    }

    /** The whole result as a JSON tree. */
    public static ObjectNode toJson(PromptOptimizationResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", result.runId());
        root.set("summary", PromptOptimizer.summary(result));
        ArrayNode steps = root.putArray("steps");
        for (StepSummary s : result.steps()) {
            ObjectNode step = steps.addObject();
            step.put("step", s.step());
            step.put("temperature", s.temperature());
            step.put("meta_prompt", s.metaPrompt());
            step.set("exemplar_ids", JSON.valueToTree(s.exemplarIds()));
            step.set("candidate_ids", JSON.valueToTree(s.candidates().stream().map(PromptCandidate::id).toList()));
        }
        root.set("candidates", JSON.valueToTree(result.candidates()));
        if (result.finalEvaluation() != null) {
            root.set("final_evaluation", JSON.valueToTree(result.finalEvaluation()));
        }
        return root;
    }

    /** Writes {@code candidates.csv} and {@code result.json} into {@code folder}; returns the two paths. */
    public static List<Path> write(PromptOptimizationResult result, Path folder) {
        try {
            Files.createDirectories(folder);
            Path csv = folder.resolve("candidates.csv");
            Path json = folder.resolve("result.json");
            Files.writeString(csv, candidatesCsv(result.candidates()), StandardCharsets.UTF_8);
            Files.writeString(json, JSON.writeValueAsString(toJson(result)), StandardCharsets.UTF_8);
            return List.of(csv, json);
        } catch (IOException e) {
            // a full disk fails the run (exit 1) with one line naming the file, not a usage error
            throw new RunFolderException(folder, e, null);
        }
    }
}
