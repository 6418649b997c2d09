package io.llmopt.cli.opro;

import io.llmopt.opro.prompt.FinalEvaluation;
import io.llmopt.opro.prompt.InstructionEvaluation;
import io.llmopt.core.store.Split;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints instructions with their accuracy, 95% interval and paired test against the baseline. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(PrintWriter out, FinalEvaluation evaluation) {
        print(out, evaluation, evaluation.split().wireName());
    }

    /** {@code split} names the examples scored: the stored split's name, or "all" for the whole pool. */
    static void print(PrintWriter out, FinalEvaluation evaluation, String split) {
        // a training score is a column of its own only when there is one and the table is not of the training split
        boolean trainColumn = evaluation.split() != Split.TRAIN
                && evaluation.instructions().stream().anyMatch(e -> e.trainScore() != null);
        String format = trainColumn ? "%-3s %-7s %-7s %-6s %-16s %-8s %-8s %s%n" : "%-3s %-7s %-6s %-16s %-8s %-8s %s%n";
        out.printf(Locale.ROOT, format, row("#", trainColumn, "train", split, "n", "95% CI", "diff", "p", "instruction"));
        int rank = 0;
        for (InstructionEvaluation e : evaluation.instructions()) {
            String label = e.baseline() ? "B" : Integer.toString(++rank);
            String ci = e.interval() == null ? "-" : String.format(Locale.ROOT, "[%.3f, %.3f]",
                    e.interval().lower(), e.interval().upper());
            String diff = e.vsBaseline() == null ? "" : String.format(Locale.ROOT, "%+.3f", e.vsBaseline().difference());
            String p = e.vsBaseline() == null ? "" : pValue(e.vsBaseline().mcNemar().pValue());
            out.printf(Locale.ROOT, format, row(label, trainColumn,
                    e.trainScore() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.trainScore()),
                    String.format(Locale.ROOT, "%.3f", e.accuracy()), Integer.toString(e.examples()), ci, diff, p,
                    shown(e.instruction())));
        }
        String n = "n = how many " + split + " examples each accuracy and interval is over";
        if (evaluation.instructions().size() > 1) {
            out.println(n + evaluation.baseline().map(b -> "; B = baseline; diff and p (exact McNemar) are against it,"
                    + " on the same " + b.examples() + " examples.").orElse("."));
        } else {
            out.println(n + evaluation.baseline().map(b -> "; B = baseline: give more instructions to compare them with it.")
                    .orElse("."));
        }
        out.flush();
    }

    private static Object[] row(String label, boolean trainColumn, String train, String... rest) {
        java.util.List<Object> cells = new java.util.ArrayList<>();
        cells.add(label);
        if (trainColumn) {
            cells.add(train);
        }
        cells.addAll(java.util.List.of(rest));
        return cells.toArray();
    }

    static String shown(String instruction) {
        return instruction.isEmpty() ? "(empty instruction)" : instruction.replace("\n", "\\n");
    }

    private static String pValue(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
