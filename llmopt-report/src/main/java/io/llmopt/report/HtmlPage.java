package io.llmopt.report;

import io.llmopt.core.store.RunRecord;
import java.util.List;

/**
 * Assembles the report page: one file with its CSS inline and its charts as inline SVG, so it opens
 * from disk or an e-mail attachment with no network. A Content-Security-Policy forbids every script:
 * should an escape ever be missed, model output still cannot run.
 */
final class HtmlPage {

    private static final String CSS = """
            :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0072b2; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
                   color: var(--ink); background: #fff; }
            main { max-width: 1120px; margin: 0 auto; padding: 24px 32px 64px; }
            header { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
            h1 { font-size: 26px; margin: 8px 0 4px; }
            h1 .kind { font-size: 15px; font-weight: 600; color: #fff; background: var(--accent); border-radius: 12px;
                       padding: 2px 10px; vertical-align: middle; margin-left: 8px; }
            h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h4 { margin: 4px 0; font-size: 13px; color: var(--muted); }
            nav { font-size: 14px; margin: 8px 0 16px; color: var(--muted); }
            nav a { color: var(--accent); text-decoration: none; margin-right: 14px; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 12px 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
            th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; }
            tbody tr:nth-child(even) { background: #fbfcfd; }
            table.compact { width: auto; min-width: 420px; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.instructions td:nth-child(3) { min-width: 220px; }
            q.instruction { quotes: "\\201C" "\\201D"; }
            figure { margin: 16px 0 24px; }
            svg.chart { width: 100%; height: auto; max-width: 900px; display: block; border: 1px solid var(--line); border-radius: 6px; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 900px; }
            .files a { color: var(--accent); }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto;
                  white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            pre.meta-prompt { max-height: 520px; overflow-y: auto; }
            .note { color: var(--muted); font-size: 13px; }
            .example { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
            .example-head { font-size: 13px; color: var(--muted); }
            .diff { margin: 6px 0; }
            del { background: #ffebe9; color: #82071e; }
            ins { background: #dafbe1; color: #116329; text-decoration: none; border-bottom: 1px solid #4ac26b; }
            .outcome { font-weight: 700; text-transform: uppercase; font-size: 12px; padding: 1px 6px; border-radius: 4px; color: #fff; }
            .outcome.win { background: #009e73; } .outcome.tie { background: #6e6e6e; }
            .outcome.lose { background: #d55e00; } .outcome.invalid { background: #b0b0b0; }
            .responses { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
            footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
            @media print { nav { display: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
            """;

    private HtmlPage() {
    }

    static String render(RunRecord run, String factsHtml, List<ReportSection> sections) {
        String title = "llmopt run " + run.id() + (run.name() == null ? "" : " — " + run.name());
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"llmopt\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header><h1>").append(Html.escape(run.name() == null ? "Run " + run.id() : run.name()))
                .append("<span class=\"kind\">").append(Html.escape(run.kind())).append("</span></h1>\n")
                .append(factsHtml).append("</header>\n<nav>");
        for (ReportSection s : sections) {
            out.append("<a href=\"#").append(Html.escape(s.id())).append("\">").append(Html.escape(s.title())).append("</a>");
        }
        out.append("</nav>\n");
        for (ReportSection s : sections) {
            out.append("<section id=\"").append(Html.escape(s.id())).append("\">\n<h2>").append(Html.escape(s.title()))
                    .append("</h2>\n").append(s.html()).append("</section>\n");
        }
        out.append("<footer>Generated by llmopt from the run store. Charts are also saved next to this file as PNG and SVG.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
