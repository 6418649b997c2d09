package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.MeanStd;
import java.util.List;

/**
 * The repetitions for one (w_true, b_true), summarised as in the paper's table: steps to reach
 * the optimum (over the runs that reached it), unique pairs explored (over all runs) and how many
 * runs reached it.
 */
public record LinRegSummary(long wTrue, long bTrue, List<LinRegRun> runs) {

    public LinRegSummary {
        runs = List.copyOf(runs);
    }

    public MeanStd stepsToOptimum() {
        return MeanStd.of(runs.stream()
                .filter(r -> r.result().reachedOptimum())
                .mapToDouble(r -> r.result().optimumStep().getAsInt())
                .toArray());
    }

    public MeanStd uniquePairsExplored() {
        return MeanStd.of(runs.stream().mapToDouble(LinRegRun::uniquePairsExplored).toArray());
    }

    public long runsReachingOptimum() {
        return runs.stream().filter(r -> r.result().reachedOptimum()).count();
    }

    /** A plain-text table, one row per summary. */
    public static String table(List<LinRegSummary> summaries) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-7s %-7s %-15s %-22s %s%n", "w_true", "b_true", "steps", "unique (w,b) pairs", "reached"));
        for (LinRegSummary s : summaries) {
            out.append(String.format("%-7d %-7d %-15s %-22s %d/%d%n", s.wTrue(), s.bTrue(), s.stepsToOptimum().format(),
                    s.uniquePairsExplored().format(), s.runsReachingOptimum(), s.runs().size()));
        }
        return out.toString();
    }
}
