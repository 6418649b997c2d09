package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptRunExportTest {

    @TempDir
    Path dir;

    private static final List<PromptCandidate> CANDIDATES = List.of(
            new PromptCandidate(1, 0, "", null, CandidateStatus.KEPT, "initial instruction", 0.25, 0.25, null, 0.2),
            new PromptCandidate(2, 1, "Say \"yes\", then think.", "<INS>Say \"yes\", then think.</INS>",
                    CandidateStatus.KEPT, null, 0.75, 0.7, 0.8, 0.9),
            new PromptCandidate(3, 1, "Use 3 steps.", "raw", CandidateStatus.FILTERED, "contains_digit",
                    null, null, null, null));

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesMissingScoresEmpty() {
        String[] lines = PromptRunExport.candidatesCsv(CANDIDATES).split("\r\n");
        assertThat(lines[0]).isEqualTo("id,step,status,reason,instruction,train_score,penalized_score,"
                + "validation_score,test_score");
        assertThat(lines[1]).isEqualTo("1,0,kept,initial instruction,\"\",0.25,0.25,,0.2");
        assertThat(lines[2]).isEqualTo("2,1,kept,,\"Say \"\"yes\"\", then think.\",0.75,0.7,0.8,0.9");
        assertThat(lines[3]).isEqualTo("3,1,filtered,contains_digit,Use 3 steps.,,,,");
    }

    @Test
    void anInstructionThatASpreadsheetWouldRunAsAFormulaIsMadeInert() {
        List<PromptCandidate> hostile = List.of(
                new PromptCandidate(1, 1, "=HYPERLINK(\"http://evil\",\"x\")", "raw", CandidateStatus.KEPT, null,
                        0.5, 0.5, null, null),
                new PromptCandidate(2, 1, "@SUM(1+1)", "raw", CandidateStatus.KEPT, "-cmd", 0.5, 0.5, null, null));
        String[] lines = PromptRunExport.candidatesCsv(hostile).split("\r\n");
        assertThat(lines[1]).isEqualTo("1,1,kept,,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",0.5,0.5,,");
        assertThat(lines[2]).isEqualTo("2,1,kept,'-cmd,'@SUM(1+1),0.5,0.5,,");
    }

    @Test
    void jsonHoldsStepsCandidatesAndTheFinalEvaluation() throws Exception {
        PromptOptimizationResult result = new PromptOptimizationResult("run-1",
                List.of(new StepSummary(0, null, 0, List.of(), CANDIDATES.subList(0, 1), false),
                        new StepSummary(1, "meta", 1.0, List.of("gsm8k/train/4"), CANDIDATES.subList(1, 3), false)),
                CANDIDATES, new FinalEvaluation(Split.TEST, List.of()), false);
        List<Path> files = PromptRunExport.write(result, dir);

        JsonNode json = new ObjectMapper().readTree(Files.readString(files.get(1)));
        assertThat(json.path("summary").path("best_instruction").asText()).isEqualTo("Say \"yes\", then think.");
        assertThat(json.path("steps").get(1).path("meta_prompt").asText()).isEqualTo("meta");
        assertThat(json.path("steps").get(1).path("candidate_ids")).hasSize(2);
        assertThat(json.path("candidates")).hasSize(3);
        assertThat(json.path("final_evaluation").path("split").asText()).isEqualTo("TEST");
        assertThat(Files.readString(files.get(0))).startsWith("id,step,status");
    }
}
