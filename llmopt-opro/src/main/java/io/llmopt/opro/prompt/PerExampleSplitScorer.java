package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Scores every example of a split with an {@link ExampleScorer}, all issued at once (the model
 * stack bounds them), and summarizes the outcomes into the accuracy and the cost-aware score.
 */
final class PerExampleSplitScorer implements SplitScorer {

    private final ExampleScorer scorer;
    private final CostPenalty penalty;

    PerExampleSplitScorer(ExampleScorer scorer, CostPenalty penalty) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.penalty = Objects.requireNonNull(penalty, "penalty");
    }

    ExampleScorer exampleScorer() {
        return scorer;
    }

    /** The same summary over another per-example scorer (a decorator around this one's). */
    PerExampleSplitScorer through(ExampleScorer decorated) {
        return new PerExampleSplitScorer(decorated, penalty);
    }

    @Override
    public boolean perExample() {
        return true;
    }

    @Override
    public CompletableFuture<CandidateScore> score(String instruction, List<Example> examples,
                                                   Runnable onExampleDone) {
        List<CompletableFuture<ExampleOutcome>> outcomes = new ArrayList<>(examples.size());
        for (Example example : examples) {
            outcomes.add(scorer.score(instruction, example).thenApply(outcome -> {
                onExampleDone.run();
                return outcome;
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                summarize(instruction, outcomes.stream().map(CompletableFuture::join).toList()));
    }

    /** The accuracy and cost-aware score of complete per-example outcomes. */
    CandidateScore summarize(String instruction, List<ExampleOutcome> outcomes) {
        double accuracy = outcomes.stream().mapToDouble(ExampleOutcome::score).average().orElse(0.0);
        double meanTokens = outcomes.stream().mapToLong(ExampleOutcome::outputTokens).average().orElse(0.0);
        return new CandidateScore(accuracy, penalty.apply(accuracy, instruction, meanTokens), outcomes);
    }
}
