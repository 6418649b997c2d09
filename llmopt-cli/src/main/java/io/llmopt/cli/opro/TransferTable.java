package io.llmopt.cli.opro;

import io.llmopt.opro.transfer.TransferCell;
import io.llmopt.opro.transfer.TransferMatrix;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a transfer matrix: one block per column (accuracy, 95% interval, difference to the
 * baseline, McNemar p, the best marked), then the accuracy grid instructions × columns.
 */
final class TransferTable {

    private TransferTable() {
    }

    static void print(PrintWriter out, TransferMatrix matrix) {
        for (int c = 0; c < matrix.columns().size(); c++) {
            TransferMatrix.Column column = matrix.columns().get(c);
            int best = matrix.best(c).map(TransferCell::instruction).orElse(-1);
            out.printf(Locale.ROOT, "%s (%s, n = %d)%n", column.title(), column.split(), column.examples());
            out.printf(Locale.ROOT, "  %-3s %-8s %-16s %-7s %-7s %s%n", "#", "accuracy", "95% CI", "diff", "p", "instruction");
            for (int i = 0; i < matrix.instructions().size(); i++) {
                TransferCell cell = matrix.cell(i, c);
                out.printf(Locale.ROOT, "  %-3s %-8s %-16s %-7s %-7s %s%s%n", label(i),
                        String.format(Locale.ROOT, "%.3f", cell.accuracy()),
                        String.format(Locale.ROOT, "[%.3f, %.3f]", cell.lower(), cell.upper()),
                        cell.isBaseline() ? "" : String.format(Locale.ROOT, "%+.3f", cell.difference()),
                        cell.isBaseline() ? "" : pValue(cell.pValue()), i == best ? "* " : "",
                        ResultTable.shown(matrix.instructions().get(i)));
            }
            out.println();
        }
        grid(out, matrix);
        out.println("B = baseline; diff and p (exact McNemar) are against it on the column's examples; * = best in the column");
        out.flush();
    }

    /** Narrow enough for a terminal: wider grids head their columns C1, C2, ... and list what each is. */
    static final int GRID_WIDTH = 100;

    /** Accuracy only, one row per instruction and one column per scorer model × data set. */
    private static void grid(PrintWriter out, TransferMatrix matrix) {
        int columns = matrix.columns().size();
        int width = 8;
        for (TransferMatrix.Column column : matrix.columns()) {
            width = Math.max(width, column.title().length() + 2);
        }
        boolean numbered = 4 + width * columns > GRID_WIDTH;
        if (numbered) {
            width = Math.max(8, String.valueOf(columns).length() + 3);
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-4s", "#"));
        for (int c = 0; c < columns; c++) {
            String title = numbered ? "C" + (c + 1) : matrix.columns().get(c).title();
            head.append(String.format(Locale.ROOT, "%-" + width + "s", title));
        }
        out.println(head.toString().stripTrailing());
        for (int i = 0; i < matrix.instructions().size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s", label(i)));
            for (int c = 0; c < columns; c++) {
                boolean best = matrix.best(c).map(TransferCell::instruction).orElse(-1) == i;
                row.append(String.format(Locale.ROOT, "%-" + width + "s",
                        String.format(Locale.ROOT, "%.3f%s", matrix.cell(i, c).accuracy(), best ? "*" : "")));
            }
            out.println(row.toString().stripTrailing());
        }
        if (numbered) {
            for (int c = 0; c < columns; c++) {
                out.printf(Locale.ROOT, "C%d = %s%n", c + 1, matrix.columns().get(c).title());
            }
        }
    }

    static String label(int instruction) {
        return instruction == 0 ? "B" : Integer.toString(instruction);
    }

    private static String pValue(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
