package io.llmopt.opro.prompt;

import io.llmopt.core.stats.McNemar;
import io.llmopt.core.stats.PairedBootstrap;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a set of instructions on one split, all at once, and compares each with the baseline on
 * the same examples: exact McNemar and a paired bootstrap interval of the difference.
 */
final class SplitEvaluator {

    /** An instruction to evaluate. */
    record Entry(long candidateId, String instruction, boolean baseline, Double trainScore) {
    }

    private final RecordingScorer scorer;
    private final long bootstrapSeed;

    SplitEvaluator(RecordingScorer scorer, long bootstrapSeed) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.bootstrapSeed = bootstrapSeed;
    }

    /** The scores of every entry, in entry order; failures propagate. */
    List<CandidateScore> scoreAll(List<Entry> entries, Split split, List<Example> examples, Runnable onExampleDone) {
        List<CompletableFuture<CandidateScore>> futures = new ArrayList<>();
        for (Entry e : entries) {
            futures.add(scorer.score(e.candidateId(), e.instruction(), split, examples, onExampleDone));
        }
        // Settle every candidate before a failure propagates: a call already sent when another fails
        // (a budget reached) still answers, and its result is stored, so a resumed run does not pay for it again.
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            // the first failure in entry order is thrown below
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    FinalEvaluation evaluate(List<Entry> entries, Split split, List<Example> examples, Runnable onExampleDone) {
        List<CandidateScore> scores = scoreAll(entries, split, examples, onExampleDone);
        return summarize(entries, scores, split);
    }

    FinalEvaluation summarize(List<Entry> entries, List<CandidateScore> scores, Split split) {
        int baselineIndex = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).baseline()) {
                baselineIndex = i;
                break;
            }
        }
        List<InstructionEvaluation> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            CandidateScore score = scores.get(i);
            long correct = score.outcomes().stream().filter(ExampleOutcome::correct).count();
            int n = score.outcomes().size();
            BaselineComparison comparison = null;
            if (baselineIndex >= 0 && i != baselineIndex && score.hasExamples()) {
                comparison = compare(entries.get(baselineIndex), scores.get(baselineIndex), score);
            }
            results.add(new InstructionEvaluation(entry.candidateId(), entry.instruction(), entry.baseline(),
                    entry.trainScore(), score.accuracy(), correct, n, n == 0 ? null : WilsonInterval.of(correct, n),
                    comparison));
        }
        return new FinalEvaluation(split, results);
    }

    private BaselineComparison compare(Entry baseline, CandidateScore base, CandidateScore other) {
        int n = other.outcomes().size();
        boolean[] baseCorrect = new boolean[n];
        boolean[] otherCorrect = new boolean[n];
        double[] baseScores = new double[n];
        double[] otherScores = new double[n];
        for (int j = 0; j < n; j++) {
            ExampleOutcome b = base.outcomes().get(j);
            ExampleOutcome o = other.outcomes().get(j);
            if (!b.exampleId().equals(o.exampleId())) {
                throw new IllegalStateException("paired results are not on the same examples: " + b.exampleId()
                        + " vs " + o.exampleId());
            }
            baseCorrect[j] = b.correct();
            otherCorrect[j] = o.correct();
            baseScores[j] = b.score();
            otherScores[j] = o.score();
        }
        return new BaselineComparison(baseline.candidateId(), baseline.instruction(),
                McNemar.exact(baseCorrect, otherCorrect),
                new PairedBootstrap(bootstrapSeed).compare(baseScores, otherScores));
    }
}
