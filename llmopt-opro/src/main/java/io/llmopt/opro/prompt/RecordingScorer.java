package io.llmopt.opro.prompt;

import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one place a score is stored: a decorator around a pure {@link SplitScorer} that records each
 * per-example result the moment it arrives (one unit of work), and the candidate's score once the
 * last one is in. It also reuses what an earlier attempt of the run stored, so a resumed run never
 * pays for a stored call again and sees the same results in the same order.
 *
 * <p>The loop, the validation queue, the final evaluation and {@link StepRacer} all score through
 * it; none of them writes a result or a score itself.
 */
final class RecordingScorer {

    private final SplitScorer scorer;
    private final RunRecorder recorder;
    private final TruncatedReplies truncated = new TruncatedReplies();

    RecordingScorer(SplitScorer scorer, RunRecorder recorder) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Scorer replies cut at max_tokens since the last call, of the fresh results recorded since then. */
    TruncatedReplies.Counts takeTruncated() {
        return truncated.take();
    }

    /** Whether scores come with per-example outcomes (needed for intervals, paired tests and racing). */
    boolean perExample() {
        return scorer.perExample();
    }

    /**
     * Scores candidate {@code candidateId} on {@code examples}, reusing its stored results.
     *
     * @param onExampleDone called once per example, reused ones included (they count toward the
     *                      progress bar like fresh ones)
     */
    CompletableFuture<CandidateScore> score(long candidateId, String instruction, Split split, List<Example> examples,
                                            Runnable onExampleDone) {
        return score(CompletableFuture.completedFuture(candidateId), stored(candidateId, split), instruction, split,
                examples, onExampleDone);
    }

    /**
     * Scores a new candidate whose id is not known yet: the scoring starts at once, and what it
     * records waits for {@code candidateId}. A new candidate has nothing stored, so nothing is reused.
     */
    CompletableFuture<CandidateScore> scoreBeforeId(CompletableFuture<Long> candidateId, String instruction,
                                                    Split split, List<Example> examples, Runnable onExampleDone) {
        return score(candidateId, Map.of(), instruction, split, examples, onExampleDone);
    }

    /**
     * Candidate {@code candidateId}'s scoring one example at a time, as racing asks for them: a
     * stored result is returned without a call, a new one is stored as it arrives. Per-example
     * scorers only.
     */
    ExampleScorer examples(long candidateId, Split split) {
        return recording(perExampleScorer(), CompletableFuture.completedFuture(candidateId),
                stored(candidateId, split), split);
    }

    /** The score of a candidate's complete outcomes on a split, which racing gathered example by example; stored. */
    CandidateScore settle(long candidateId, String instruction, Split split, List<ExampleOutcome> outcomes) {
        CandidateScore score = perExampleScorer().summarize(instruction, outcomes);
        recordScore(candidateId, split, score);
        return score;
    }

    private CompletableFuture<CandidateScore> score(CompletableFuture<Long> candidateId,
                                                    Map<String, ExampleOutcome> stored, String instruction,
                                                    Split split, List<Example> examples, Runnable onExampleDone) {
        SplitScorer recorded = scorer instanceof PerExampleSplitScorer each
                ? each.through(recording(each, candidateId, stored, split)) : scorer;
        return recorded.score(instruction, examples, onExampleDone).thenCombine(candidateId, (score, id) -> {
            recordScore(id, split, score);
            return score;
        });
    }

    /** The per-example scorer of {@code each}, reusing {@code stored} results and storing new ones. */
    private ExampleScorer recording(PerExampleSplitScorer each, CompletableFuture<Long> candidateId,
                                    Map<String, ExampleOutcome> stored, Split split) {
        ExampleScorer inner = each.exampleScorer();
        return new ExampleScorer() {
            @Override
            public CompletableFuture<ExampleOutcome> score(String instruction, Example example) {
                ExampleOutcome known = stored.get(example.id());
                if (known != null) {
                    return CompletableFuture.completedFuture(known);
                }
                return inner.score(instruction, example).thenCombine(candidateId, (outcome, id) -> {
                    recorder.exampleResult(inner.toStored(recorder.runId(), id, split, outcome));
                    truncated.count(outcome);
                    return outcome;
                });
            }

            @Override
            public ExampleOutcome restore(ExampleResult result) {
                return inner.restore(result);
            }

            @Override
            public ExampleResult toStored(String runId, long id, Split s, ExampleOutcome outcome) {
                return inner.toStored(runId, id, s, outcome);
            }
        };
    }

    /** What an earlier attempt stored for the candidate, by example id; nothing for a scorer without examples. */
    private Map<String, ExampleOutcome> stored(long candidateId, Split split) {
        if (!(scorer instanceof PerExampleSplitScorer each)) {
            return Map.of();
        }
        Map<String, ExampleOutcome> done = new HashMap<>();
        for (ExampleResult result : recorder.exampleResults(candidateId, split)) {
            done.put(result.exampleId(), each.exampleScorer().restore(result));
        }
        return done;
    }

    private PerExampleSplitScorer perExampleScorer() {
        if (!(scorer instanceof PerExampleSplitScorer each)) {
            throw new IllegalStateException("scoring example by example needs a per-example scorer");
        }
        return each;
    }

    private void recordScore(long candidateId, Split split, CandidateScore score) {
        // The penalized score is the search objective: it belongs to the training split.
        recorder.score(candidateId, split, score.accuracy(), split == Split.TRAIN ? score.penalized() : null);
    }
}
