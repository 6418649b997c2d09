package io.llmopt.cli.runs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: columns padded to their widest cell, long cells cut. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final int maxWidth;

    public TextTable(int maxWidth, String... header) {
        this.header = List.of(header);
        this.maxWidth = maxWidth;
    }

    public TextTable row(String... cells) {
        List<String> row = new ArrayList<>();
        for (String c : cells) {
            row.add(clip(c == null ? "" : c.replace('\n', ' ').replace('\r', ' ')));
        }
        rows.add(row);
        return this;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        line(out, header, widths);
        for (List<String> r : rows) {
            line(out, r, widths);
        }
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(c);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(widths[i] - c.length() + 2));
            }
        }
        out.println(b.toString().stripTrailing());
    }

    private String clip(String s) {
        return s.length() <= maxWidth ? s : s.substring(0, maxWidth - 1) + "…";
    }
}
