package io.llmopt.opro.transfer;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where a transfer's instructions come from: a finished prompt search's baseline and best instructions. */
public final class TransferInstructions {

    private TransferInstructions() {
    }

    /**
     * The baseline of run {@code runId} (its first initial instruction, step 0) and then its
     * {@code topK} kept instructions with the highest training accuracy (the earliest on a tie),
     * without repeats.
     *
     * @throws IllegalArgumentException when the run is unknown or has no instructions
     */
    public static List<String> fromRun(RunStore store, String runId, int topK) {
        if (topK < 0) {
            throw new IllegalArgumentException("--top: got " + topK + ", expected 0 or more");
        }
        if (store.run(runId).isEmpty()) {
            throw new IllegalArgumentException("--from-run: no run '" + runId + "' in " + store.file()
                    + "; 'llmopt runs list' shows the runs");
        }
        List<CandidateRecord> candidates = store.candidates(runId);
        Set<String> chosen = new LinkedHashSet<>();
        candidates.stream().filter(c -> c.step() == 0).findFirst().ifPresent(c -> chosen.add(c.text()));
        List<CandidateRecord> searched = new ArrayList<>(candidates.stream()
                .filter(c -> c.step() > 0 && c.status() == CandidateStatus.KEPT && c.trainScore() != null).toList());
        searched.sort(Comparator.comparingDouble((CandidateRecord c) -> -c.trainScore())
                .thenComparingLong(CandidateRecord::id));
        int added = 0;
        for (CandidateRecord c : searched) {
            if (added == topK) {
                break;
            }
            if (chosen.add(c.text())) {
                added++;
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--from-run " + runId + ": the run has no instructions to transfer");
        }
        return List.copyOf(chosen);
    }
}
