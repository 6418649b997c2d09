package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.MeanStd;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The repetitions for one number of points: per run the optimality gap of the optimizer and of
 * the two construction heuristics over the reference, the steps, proposals and invalid outputs;
 * and the mean ± std over runs, as in the paper's table.
 */
public record TspSummary(int points, TourStart start, List<TspRun> runs) {

    public TspSummary {
        runs = List.copyOf(runs);
    }

    public MeanStd gap() {
        return MeanStd.of(runs.stream().mapToDouble(r -> r.report().gapPercent()).filter(Double::isFinite).toArray());
    }

    public MeanStd nearestNeighbourGap() {
        return MeanStd.of(runs.stream().mapToDouble(r -> gap(r, r.nearestNeighbour())).toArray());
    }

    public MeanStd farthestInsertionGap() {
        return MeanStd.of(runs.stream().mapToDouble(r -> gap(r, r.farthestInsertion())).toArray());
    }

    public MeanStd steps() {
        return MeanStd.of(runs.stream().mapToDouble(r -> r.result().stepCount()).toArray());
    }

    /** The reference methods used, e.g. "held-karp" (one entry per distinct method). */
    public String referenceMethods() {
        return runs.stream().map(r -> r.problem().referenceTour().method()).distinct().collect(Collectors.joining(", "));
    }

    private static double gap(TspRun run, TspReference heuristic) {
        return run.problem().referenceTour().gapPercent(heuristic.length());
    }

    /** One line per run, then the mean ± std line. */
    public String runTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-5s %-10s %-9s %-8s %-8s %-8s %-6s %-10s %-8s %s%n", "seed", "reference",
                "best", "gap %", "NN gap %", "FI gap %", "steps", "proposals", "invalid", "reference method"));
        for (TspRun r : runs) {
            TspRunReport report = r.report();
            out.append(String.format(Locale.ROOT, "%-5d %-10d %-9d %-8.2f %-8.2f %-8.2f %-6d %-10d %-8d %s%n", r.seed(),
                    report.reference().length(), report.bestLength(), report.gapPercent(), gap(r, r.nearestNeighbour()),
                    gap(r, r.farthestInsertion()), report.steps(), report.proposals(), report.invalid(),
                    report.reference().method()));
        }
        out.append(String.format(Locale.ROOT, "mean gap %s %% over %d runs (NN %s, FI %s), steps %s%n", gap().format(),
                runs.size(), nearestNeighbourGap().format(), farthestInsertionGap().format(), steps().format()));
        return out.toString();
    }

    /** The paper's table: one row per number of points, gaps as mean ± std over the runs. */
    public static String table(List<TspSummary> summaries) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-4s %-14s %-14s %-14s %-14s %s%n", "n", "OPRO gap %", "NN gap %", "FI gap %",
                "steps", "reference"));
        for (TspSummary s : summaries) {
            out.append(String.format(Locale.ROOT, "%-4d %-14s %-14s %-14s %-14s %s%n", s.points(), s.gap().format(),
                    s.nearestNeighbourGap().format(), s.farthestInsertionGap().format(), s.steps().format(), s.referenceMethods()));
        }
        return out.toString();
    }
}
