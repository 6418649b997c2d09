package io.llmopt.opro.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferInstructionsTest {

    @TempDir
    Path dir;

    private static void candidate(RunStore store, String run, int step, String text, CandidateStatus status, Double train) {
        long id = store.nextCandidateId(run);
        store.recordCandidate(CandidateRecord.proposed(run, id, step, text, null, status, null));
        if (train != null) {
            store.recordScore(run, id, Split.TRAIN, train, train);
        }
    }

    @Test
    void aSearchGivesItsBaselineThenItsBestKeptInstructionsWithoutRepeats() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String run = store.createRun("opro-prompt", "search", null).id();
            candidate(store, run, 0, "", CandidateStatus.KEPT, 0.40);
            candidate(store, run, 0, "Solve it.", CandidateStatus.KEPT, 0.45);
            candidate(store, run, 1, "Think step by step.", CandidateStatus.KEPT, 0.70);
            candidate(store, run, 1, "Never scored.", CandidateStatus.KEPT, null);
            candidate(store, run, 2, "Dropped but high.", CandidateStatus.RACED_OUT, 0.99);
            candidate(store, run, 2, "Take a deep breath.", CandidateStatus.KEPT, 0.80);
            candidate(store, run, 3, "Think step by step.", CandidateStatus.KEPT, 0.70);
            candidate(store, run, 3, "Be careful.", CandidateStatus.KEPT, 0.70);
            store.flush();

            assertThat(TransferInstructions.fromRun(store, run, 3))
                    .containsExactly("", "Take a deep breath.", "Think step by step.", "Be careful.");
            assertThat(TransferInstructions.fromRun(store, run, 1)).containsExactly("", "Take a deep breath.");
            assertThat(TransferInstructions.fromRun(store, run, 0)).containsExactly("");
            assertThatThrownBy(() -> TransferInstructions.fromRun(store, "nope", 3))
                    .hasMessageContaining("--from-run: no run 'nope'");
        }
    }
}
