package io.llmopt.opro.prompt;

import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Scores every example of a split with an {@link ExampleScorer}: the examples already recorded for
 * the candidate are restored, all others are issued at once, and each result is recorded the
 * moment it arrives (one unit of work). The score is recorded after the last example.
 */
final class PerExampleSplitScorer implements SplitScorer {

    private final ExampleScorer scorer;
    private final RunRecorder recorder;
    private final CostPenalty penalty;

    PerExampleSplitScorer(ExampleScorer scorer, RunRecorder recorder, CostPenalty penalty) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.penalty = Objects.requireNonNull(penalty, "penalty");
    }

    ExampleScorer exampleScorer() {
        return scorer;
    }

    @Override
    public boolean perExample() {
        return true;
    }

    @Override
    public CompletableFuture<CandidateScore> score(long candidateId, String instruction, Split split,
                                                   List<Example> examples, Runnable onExampleDone) {
        Map<String, ExampleOutcome> done = new HashMap<>();
        for (ExampleResult stored : recorder.exampleResults(candidateId, split)) {
            done.put(stored.exampleId(), scorer.restore(stored));
        }
        List<CompletableFuture<ExampleOutcome>> outcomes = new ArrayList<>(examples.size());
        for (Example example : examples) {
            ExampleOutcome previous = done.get(example.id());
            if (previous != null) {
                // Done in an earlier attempt: it counts toward the progress bar like a fresh one.
                onExampleDone.run();
                outcomes.add(CompletableFuture.completedFuture(previous));
                continue;
            }
            outcomes.add(scorer.score(instruction, example).thenApply(outcome -> {
                recorder.exampleResult(scorer.toStored(recorder.runId(), candidateId, split, outcome));
                onExampleDone.run();
                return outcome;
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<ExampleOutcome> all = outcomes.stream().map(CompletableFuture::join).toList();
            CandidateScore score = summarize(penalty, instruction, all);
            // The penalized score is the search objective: it belongs to the training split.
            recorder.score(candidateId, split, score.accuracy(), split == Split.TRAIN ? score.penalized() : null);
            return score;
        });
    }

    @Override
    public CompletableFuture<CandidateScore> scoreBeforeId(CompletableFuture<Long> candidateId, String instruction,
                                                           Split split, List<Example> examples,
                                                           Runnable onExampleDone) {
        List<CompletableFuture<ExampleOutcome>> outcomes = new ArrayList<>(examples.size());
        for (Example example : examples) {
            // Each result is still its own unit of work, recorded once the candidate has its id.
            outcomes.add(scorer.score(instruction, example).thenCombine(candidateId, (outcome, id) -> {
                recorder.exampleResult(scorer.toStored(recorder.runId(), id, split, outcome));
                onExampleDone.run();
                return outcome;
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenCombine(candidateId,
                (ignored, id) -> {
                    CandidateScore score = summarize(penalty, instruction,
                            outcomes.stream().map(CompletableFuture::join).toList());
                    recorder.score(id, split, score.accuracy(), split == Split.TRAIN ? score.penalized() : null);
                    return score;
                });
    }

    /** The accuracy and cost-aware score of complete per-example outcomes. */
    static CandidateScore summarize(CostPenalty penalty, String instruction, List<ExampleOutcome> outcomes) {
        double accuracy = outcomes.stream().mapToDouble(ExampleOutcome::score).average().orElse(0.0);
        double meanTokens = outcomes.stream().mapToLong(ExampleOutcome::outputTokens).average().orElse(0.0);
        return new CandidateScore(accuracy, penalty.apply(accuracy, instruction, meanTokens), outcomes);
    }
}
