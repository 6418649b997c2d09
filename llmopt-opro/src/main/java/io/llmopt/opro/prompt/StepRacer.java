package io.llmopt.opro.prompt;

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
import java.util.function.IntConsumer;

/**
 * Scores one step's kept candidates with {@link Racing} on the training split, one example at a
 * time through the {@link RecordingScorer} (which stores each result as it arrives and reuses what
 * an earlier attempt stored). Since the step's example order comes from the run seed and the
 * incumbents from the (deterministic) history, a resumed step makes the same decisions.
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
    private final RecordingScorer scorer;
    private final List<Example> train;
    private final long runSeed;

    StepRacer(Racing racing, RecordingScorer scorer, List<Example> train, long runSeed) {
        this.racing = Objects.requireNonNull(racing, "racing");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.train = List.copyOf(train);
        this.runSeed = runSeed;
    }

    /**
     * @param candidates distinct kept candidates of the step
     * @param incumbents the history's scored instructions with their per-example results
     * @param onExamplesSaved told how many examples a dropped candidate will never be scored on
     */
    CompletableFuture<List<Raced>> race(int step, List<PromptCandidate> candidates, List<Incumbent> incumbents,
                                        Runnable onExampleDone, IntConsumer onExamplesSaved) {
        Map<String, Slots> byInstruction = new HashMap<>();
        for (PromptCandidate c : candidates) {
            byInstruction.put(c.instruction(), new Slots(c, scorer.examples(c.id(), Split.TRAIN),
                    new AtomicReferenceArray<>(train.size())));
        }
        io.llmopt.opro.racing.RacingScorer perExample = (instruction, index) -> {
            Slots slots = byInstruction.get(instruction);
            return slots.scorer.score(instruction, train.get(index)).thenApply(outcome -> {
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
                PromptCandidate c = slots.candidate;
                CandidateScore score = scorer.settle(c.id(), c.instruction(), Split.TRAIN, all);
                raced.add(new Raced(c.withTrain(score), score, outcome));
            } else {
                raced.add(new Raced(slots.candidate, null, outcome));
            }
        }
        return raced;
    }

    /** A candidate, its scoring one example at a time, and its outcomes by training position as calls return. */
    private record Slots(PromptCandidate candidate, ExampleScorer scorer, AtomicReferenceArray<ExampleOutcome> outcomes) {
    }
}
