package io.llmopt.opro.prompt;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an earlier attempt of the run left in the store: its steps and its candidates by step, in
 * the order they were made. Empty for a fresh run. Read once, before the first step.
 */
final class PriorAttempt {

    private final Map<Integer, StepRecord> steps = new HashMap<>();
    private final Map<Integer, List<CandidateRecord>> candidates = new HashMap<>();
    private final int candidateCount;

    private PriorAttempt(List<StepRecord> steps, List<CandidateRecord> candidates) {
        for (StepRecord s : steps) {
            this.steps.put(s.index(), s);
        }
        List<CandidateRecord> all = new ArrayList<>(candidates);
        all.sort(Comparator.comparingLong(CandidateRecord::id));
        for (CandidateRecord c : all) {
            this.candidates.computeIfAbsent(c.step(), k -> new ArrayList<>()).add(c);
        }
        this.candidateCount = all.size();
    }

    static PriorAttempt load(RunRecorder recorder) {
        return new PriorAttempt(recorder.steps(), recorder.candidates());
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    int stepCount() {
        return steps.size();
    }

    int candidateCount() {
        return candidateCount;
    }

    /** The recorded step, or null when the earlier attempt had not started it. */
    StepRecord step(int index) {
        return steps.get(index);
    }

    /** Whether the step was recorded finished: it is replayed, not computed. */
    boolean finished(int index) {
        StepRecord s = steps.get(index);
        return s != null && s.finished();
    }

    /** When the step started: in the earlier attempt if it got that far, else now. */
    Instant startedAt(int index) {
        StepRecord s = steps.get(index);
        return s != null && s.startedAt() != null ? s.startedAt() : Instant.now();
    }

    /** The step's recorded candidates in the order they were made (sample order). */
    List<CandidateRecord> candidates(int step) {
        return candidates.getOrDefault(step, List.of());
    }
}
