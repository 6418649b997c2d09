package io.llmopt.opro.prompt;

import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.racing.CandidateOutcome;
import io.llmopt.opro.racing.ExampleOrder;
import io.llmopt.opro.racing.Incumbent;
import io.llmopt.opro.racing.Racing;
import io.llmopt.opro.racing.RacingResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Scores one step's kept candidates with {@link Racing} on the training split, recording each
 * per-example result the moment it arrives, as full evaluation does. Results an earlier attempt of
 * the run stored are reused without a call; since the step's example order comes from the run seed
 * and the incumbents from the (deterministic) history, a resumed step makes the same decisions.
 */
final class StepRacer {

    /**
     * One candidate after the race.
     *
     * @param candidate the candidate, with its training score when it survived
     * @param score     its full-split score (null when it was dropped)
     * @param outcome   what racing decided, with how many examples it had seen when dropped
     */
    record Raced(PromptCandidate candidate, CandidateScore score, CandidateOutcome outcome) {
    }

    private final Racing racing;
    private final ExampleScorer scorer;
    private final RunRecorder recorder;
    private final CostPenalty penalty;
    private final List<Example> train;
    private final long runSeed;

    StepRacer(Racing racing, ExampleScorer scorer, RunRecorder recorder, CostPenalty penalty, List<Example> train,
              long runSeed) {
        this.racing = Objects.requireNonNull(racing, "racing");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.penalty = Objects.requireNonNull(penalty, "penalty");
        this.train = List.copyOf(train);
        this.runSeed = runSeed;
    }

    /**
     * @param candidates distinct kept candidates of the step
     * @param incumbents the history's scored instructions with their per-example results
     * @param onExamplesSaved told how many examples a dropped candidate will never be scored on
     */
    CompletableFuture<List<Raced>> race(int step, List<PromptCandidate> candidates, List<Incumbent> incumbents,
                                        Runnable onExampleDone, java.util.function.IntConsumer onExamplesSaved) {
        Map<String, Slots> byInstruction = new HashMap<>();
        for (PromptCandidate c : candidates) {
            byInstruction.put(c.instruction(), new Slots(c, restored(c.id())));
        }
        io.llmopt.opro.racing.RacingScorer perExample = (instruction, index) -> {
            Slots slots = byInstruction.get(instruction);
            ExampleOutcome known = slots.outcomes.get(index);
            if (known != null) {
                onExampleDone.run();
                return CompletableFuture.completedFuture(known.correct());
            }
            return scorer.score(instruction, train.get(index)).thenApply(outcome -> {
                recorder.exampleResult(scorer.toStored(recorder.runId(), slots.candidate.id(), Split.TRAIN, outcome));
                slots.outcomes.set(index, outcome);
                onExampleDone.run();
                return outcome.correct();
            });
        };
        List<String> instructions = candidates.stream().map(PromptCandidate::instruction).toList();
        return racing.race(instructions, incumbents, ExampleOrder.forStep(train.size(), runSeed, step), perExample,
                        (instruction, saved) -> onExamplesSaved.accept(saved))
                .thenApply(result -> settle(result, byInstruction));
    }

    private List<Raced> settle(RacingResult result, Map<String, Slots> byInstruction) {
        List<Raced> raced = new ArrayList<>();
        for (CandidateOutcome outcome : result.outcomes()) {
            Slots slots = byInstruction.get(outcome.instruction());
            if (outcome.scoredOnFullSplit()) {
                List<ExampleOutcome> all = new ArrayList<>(train.size());
                for (int i = 0; i < train.size(); i++) {
                    all.add(slots.outcomes.get(i));
                }
                CandidateScore score = PerExampleSplitScorer.summarize(penalty, slots.candidate.instruction(), all);
                recorder.score(slots.candidate.id(), Split.TRAIN, score.accuracy(), score.penalized());
                raced.add(new Raced(slots.candidate.withTrain(score), score, outcome));
            } else {
                raced.add(new Raced(slots.candidate, null, outcome));
            }
        }
        return raced;
    }

    /** What an earlier attempt stored for the candidate, by training position. */
    private AtomicReferenceArray<ExampleOutcome> restored(long candidateId) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            positions.put(train.get(i).id(), i);
        }
        AtomicReferenceArray<ExampleOutcome> outcomes = new AtomicReferenceArray<>(train.size());
        for (ExampleResult stored : recorder.exampleResults(candidateId, Split.TRAIN)) {
            Integer position = positions.get(stored.exampleId());
            if (position != null) {
                outcomes.set(position, scorer.restore(stored));
            }
        }
        return outcomes;
    }

    /** A candidate and its outcomes by training position, filled as calls return. */
    private record Slots(PromptCandidate candidate, AtomicReferenceArray<ExampleOutcome> outcomes) {
    }
}
