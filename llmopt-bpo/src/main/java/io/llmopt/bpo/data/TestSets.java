package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the BPO evaluation sets and for a user's own prompt file.
 *
 * <p>The prompt of an instruction + context record is {@code (instruction + "\n" + context).strip()},
 * the question text the reference's judging script builds for Dolly Eval and Self-Instruct.
 */
public final class TestSets {

    private TestSets() {
    }

    /** Vicuna Eval ({@code vicuna_eval.jsonl}): {@code text}, {@code question_id}, {@code category}. */
    public static ReadResult<EvalPrompt> vicunaEval(Path file) {
        return prompts(file, new PromptFields("text", null, "question_id", "category"));
    }

    /** Dolly Eval ({@code dolly_eval.json}): {@code instruction} + {@code context}, {@code idx}, {@code category}. */
    public static ReadResult<EvalPrompt> dollyEval(Path file) {
        return prompts(file, new PromptFields("instruction", "context", "idx", "category"));
    }

    /** Self-Instruct eval ({@code self_instruct_eval.json}): {@code instruction} + {@code context}, {@code id}, {@code category}. */
    public static ReadResult<EvalPrompt> selfInstructEval(Path file) {
        return prompts(file, new PromptFields("instruction", "context", "id", "category"));
    }

    /** A user's JSON or JSONL prompt file with the given fields. */
    public static ReadResult<EvalPrompt> prompts(Path file, PromptFields fields) {
        JsonRecords.Contents contents = JsonRecords.read(file);
        List<EvalPrompt> out = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>(contents.problems());
        int skipped = contents.skippedRecords();
        for (JsonRecord raw : contents.records()) {
            JsonNode node = raw.node();
            String prompt = text(node, fields.prompt());
            if (prompt == null || prompt.isBlank()) {
                problems.add(new ReadProblem(raw.location(), "field '" + fields.prompt() + "' is missing, empty or not text"));
                skipped++;
                continue;
            }
            String context = fields.context() == null ? null : text(node, fields.context());
            String full = context == null ? prompt : (prompt + "\n" + context).strip();
            out.add(new EvalPrompt(id(node, fields.id(), raw), full,
                    fields.category() == null ? null : text(node, fields.category())));
        }
        return new ReadResult<>(out, new ReadReport(file, out.size(), skipped, sorted(problems)));
    }

    /** The BPO test set ({@code bpo_test.json}): prompt, optimized_prompt, good_res, bad_res; ids are record indices. */
    public static ReadResult<BpoTestExample> bpoTest(Path file) {
        JsonRecords.Contents contents = JsonRecords.read(file);
        List<BpoTestExample> out = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>(contents.problems());
        int skipped = contents.skippedRecords();
        for (JsonRecord raw : contents.records()) {
            JsonNode node = raw.node();
            List<String> missing = new ArrayList<>();
            String[] values = new String[4];
            String[] names = {"prompt", "optimized_prompt", "good_res", "bad_res"};
            for (int i = 0; i < names.length; i++) {
                values[i] = text(node, names[i]);
                if (values[i] == null) {
                    missing.add(names[i]);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(new ReadProblem(raw.location(), "missing or non-text fields " + missing));
                skipped++;
                continue;
            }
            out.add(new BpoTestExample(id(node, "id", raw), values[0], values[1], values[2], values[3]));
        }
        return new ReadResult<>(out, new ReadReport(file, out.size(), skipped, sorted(problems)));
    }

    private static String id(JsonNode node, String field, JsonRecord raw) {
        if (field != null && node.hasNonNull(field) && node.get(field).isValueNode()) {
            return node.get(field).asText();
        }
        return Integer.toString(raw.location().recordIndex());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<ReadProblem> sorted(List<ReadProblem> problems) {
        problems.sort((a, b) -> Long.compare(a.location().line(), b.location().line()));
        return problems;
    }
}
