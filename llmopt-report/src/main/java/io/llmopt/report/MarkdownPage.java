package io.llmopt.report;

import io.llmopt.core.store.RunRecord;
import java.util.List;

/** Assembles the Markdown summary: the same sections, charts as links to the PNG files beside it. */
final class MarkdownPage {

    private MarkdownPage() {
    }

    static String render(RunRecord run, String factsMarkdown, List<ReportSection> sections) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(Markdown.cell(run.name() == null ? "Run " + run.id() : run.name()))
                .append(" (").append(Markdown.cell(run.kind())).append(")\n\n").append(factsMarkdown).append('\n');
        for (ReportSection s : sections) {
            out.append("## ").append(Markdown.cell(s.title())).append("\n\n").append(s.markdown().strip()).append("\n\n");
        }
        return out.toString();
    }
}
