package io.llmopt.report;

import java.util.ArrayList;
import java.util.List;

/** A table rendered to HTML and to Markdown from the same cells. */
final class Table {

    /** A cell: its HTML (escaped by the factory methods) and its Markdown, and whether it holds a number. */
    record Cell(String html, String markdown, boolean numeric) {

        static Cell text(String text) {
            return new Cell(Html.escape(text), Markdown.cell(text), false);
        }

        static Cell number(String text) {
            return new Cell(Html.escape(text), Markdown.cell(text), true);
        }

        /** A cell whose HTML is built by the caller (which must have escaped any data in it). */
        static Cell html(String html, String markdown) {
            return new Cell(html, markdown, false);
        }
    }

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();
    private String cssClass = "";

    Table(String... header) {
        this.header = List.of(header);
    }

    Table cssClass(String cssClass) {
        this.cssClass = cssClass;
        return this;
    }

    Table row(Cell... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        StringBuilder out = new StringBuilder("<table");
        if (!cssClass.isEmpty()) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append("><thead><tr>");
        header.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<Cell> row : rows) {
            out.append("<tr>");
            for (Cell c : row) {
                out.append(c.numeric() ? "<td class=\"num\">" : "<td>").append(c.html()).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("|");
        header.forEach(h -> out.append(' ').append(Markdown.cell(h)).append(" |"));
        out.append("\n|");
        header.forEach(h -> out.append(" --- |"));
        out.append('\n');
        for (List<Cell> row : rows) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(c.markdown()).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }
}
