package io.llmopt.report;

import io.llmopt.core.stats.ConfidenceInterval;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleTally;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;

/**
 * A candidate's accuracy on one split with its 95% Wilson interval. The interval needs the
 * per-example results; when only the stored score exists (a producer that kept no example
 * results) the accuracy is shown without one.
 *
 * @param accuracy the fraction correct, or null when the candidate was not scored on the split
 * @param correct  examples correct (0 when unknown)
 * @param total    examples recorded (0 when unknown)
 * @param interval the Wilson interval, or null without per-example results
 * @param truncated scorer replies cut at max_tokens among the {@code total}
 */
public record SplitAccuracy(Double accuracy, long correct, long total, ConfidenceInterval interval, long truncated) {

    public SplitAccuracy(Double accuracy, long correct, long total, ConfidenceInterval interval) {
        this(accuracy, correct, total, interval, 0);
    }

    public static SplitAccuracy of(RunStore store, CandidateRecord candidate, Split split) {
        ExampleTally tally = store.exampleTally(candidate.runId(), candidate.id(), split);
        if (tally.total() > 0) {
            return new SplitAccuracy(tally.accuracy(), tally.correct(), tally.total(),
                    WilsonInterval.of(tally.correct(), tally.total()), tally.truncated());
        }
        return new SplitAccuracy(candidate.score(split), 0, 0, null);
    }

    public boolean known() {
        return accuracy != null;
    }

    /** "72.5% [65.1, 78.9] (n=200)" ("(n=200, 12 cut at max_tokens)" when replies were cut), or the bare percentage, or "–". */
    public String display() {
        if (accuracy == null) {
            return "–";
        }
        if (interval == null) {
            return Format.percent(accuracy);
        }
        return Format.percentWithInterval(accuracy, interval) + " (n=" + total
                + (truncated > 0 ? ", " + truncated + " cut at max_tokens" : "") + ")";
    }
}
