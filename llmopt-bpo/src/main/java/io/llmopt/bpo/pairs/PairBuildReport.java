package io.llmopt.bpo.pairs;

import java.util.List;

/**
 * The outcome of every record a build processed, in input order, and how many were skipped
 * because the caller had them already.
 */
public record PairBuildReport(List<PairOutcome> outcomes, int skipped) {

    public PairBuildReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The kept pairs, in input order. */
    public List<OptimizedPair> keptPairs() {
        return outcomes.stream().filter(o -> o.status() == PairOutcome.Status.KEPT).map(PairOutcome::pair).toList();
    }

    public long count(PairOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** "120 kept, 14 filtered, 2 failed, 30 skipped". */
    public String summary() {
        return count(PairOutcome.Status.KEPT) + " kept, " + count(PairOutcome.Status.FILTERED) + " filtered, "
                + count(PairOutcome.Status.FAILED) + " failed, " + skipped + " skipped";
    }
}
