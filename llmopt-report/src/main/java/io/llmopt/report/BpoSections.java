package io.llmopt.report;

import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.report.payload.BpoPair;
import io.llmopt.core.stats.CategoryRate;
import io.llmopt.core.stats.WinTieLose;
import io.llmopt.core.store.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sections of a BPO run: win/tie/lose rates of the rewritten prompts with 95% Wilson
 * intervals, overall and per category; examples of original against rewritten prompts as a word
 * diff; and, for pair construction runs, what was kept and why pairs were dropped.
 */
final class BpoSections implements SectionSource {

    static final int EXAMPLES_SHOWN = 8;
    static final String ALL = WinRates.ALL;

    @Override
    public List<ReportSection> sections(ReportContext ctx) {
        // examples in the order people count their ids (p1, p2, ..., p10), not the store's text order
        List<BpoJudgement> judgements = ctx.store().workItems(ctx.runId(), BpoJudgement.KIND).stream()
                .filter(i -> i.payloadJson() != null).map(BpoJudgement::from)
                .sorted(java.util.Comparator.comparing(BpoJudgement::id, NaturalOrder.INSTANCE)).toList();
        List<BpoPair> pairs = ctx.store().workItems(ctx.runId(), BpoPair.KIND).stream()
                .filter(i -> i.payloadJson() != null).map(BpoPair::from)
                .sorted(java.util.Comparator.comparing(BpoPair::id, NaturalOrder.INSTANCE)).toList();
        List<ReportSection> out = new ArrayList<>();
        if (!judgements.isEmpty()) {
            out.add(rates(ctx, judgements));
            out.add(judgedExamples(judgements));
        }
        if (!pairs.isEmpty()) {
            out.add(pairSummary(pairs));
            out.add(pairExamples(pairs));
        }
        if (out.isEmpty()) {
            out.add(new ReportSection("bpo", "Results", "<p>No judgement or pair recorded yet.</p>\n",
                    "No judgement or pair recorded yet.\n"));
        }
        return out;
    }

    /** Counts per category, "all" first, categories alphabetically. */
    static Map<String, WinTieLose> countsByCategory(List<BpoJudgement> judgements) {
        return WinRates.byCategory(judgements);
    }

    private ReportSection rates(ReportContext ctx, List<BpoJudgement> judgements) {
        Map<String, WinTieLose> counts = countsByCategory(judgements);
        Table table = new Table("category", "n", "win", "tie", "lose", "invalid", "net win rate");
        for (var e : counts.entrySet()) {
            WinTieLose w = e.getValue();
            table.row(Table.Cell.text(e.getKey()), Table.Cell.number(String.valueOf(w.total())),
                    rate(w.winRate()), rate(w.tieRate()), rate(w.loseRate()),
                    Table.Cell.number(String.valueOf(w.invalid())),
                    Table.Cell.number(String.format(Locale.ROOT, "%+.1f pts", w.netWinRate() * 100)));
        }
        RenderedChart chart = ctx.charts().write("win-tie-lose", chart(counts));
        String caption = "Win/tie/lose rates of the rewritten prompts against the original ones; error bars are the 95% "
                + "Wilson intervals (exact bounds in the table).";
        String note = "Rates with 95% Wilson intervals. Invalid verdicts (no verdict could be read) stay in the denominator.";
        String html = Figures.html(chart, caption) + table.html() + "<p class=\"note\">" + Html.escape(note) + "</p>\n";
        String md = Figures.markdown(chart, caption) + table.markdown() + "\n" + note + "\n";
        return new ReportSection("win-tie-lose", "Win / tie / lose", html, md);
    }

    private static Table.Cell rate(CategoryRate r) {
        return Table.Cell.number(Format.percentWithInterval(r.rate(), r.interval()));
    }

    /**
     * Bars lying down, one group per category ("all" on top), with each rate's 95% Wilson interval
     * drawn exactly as it is (asymmetric, inside 0-100%). An XY chart because XChart's category
     * charts draw only symmetric error bars, which ran below 0% and above 100% near the ends; lying
     * down because XChart drops x-axis labels wider than their slot, while names down the y axis
     * only need a line's height each, so every category keeps its label.
     */
    static XYChart chart(Map<String, WinTieLose> counts) {
        List<String> categories = new ArrayList<>(counts.keySet());
        int k = categories.size();
        int plotHeight = Math.max(300, k * 66);
        XYChart chart = ChartStyle.xy("Rewritten vs original prompt", "share of comparisons (%)", null, plotHeight + 150);
        var styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(100.0);
        styler.setXAxisDecimalPattern("#");
        styler.setYAxisMin(-0.5);
        styler.setYAxisMax(k - 0.5);
        // a tick spacing of a category's height makes XChart's step 1: ticks on the whole y values that carry the names
        styler.setYAxisTickMarkSpacingHint(Math.max(1, plotHeight / k - 2));
        chart.setCustomYAxisTickLabelsFormatter(y -> {
            long i = Math.round(y);
            return Math.abs(y - i) < 1e-6 && i >= 0 && i < k ? categories.get((int) (k - 1 - i)) : String.format(Locale.ROOT, "%.2f", y);
        });
        styler.setPlotGridHorizontalLinesVisible(false);
        String[] outcomes = {"win", "tie", "lose"};
        java.awt.Color[] colours = {ChartStyle.GREEN, ChartStyle.GREY, ChartStyle.VERMILLION};
        double slot = 0.8 / outcomes.length;
        float barPixels = (float) (plotHeight * 0.8 / (k * outcomes.length) * 0.85);
        for (int o = 0; o < outcomes.length; o++) {
            for (int c = 0; c < k; c++) {
                CategoryRate r = counts.get(categories.get(c)).rates().get(outcomes[o]);
                double y = (k - 1 - c) + 0.4 - slot * (o + 0.5);
                XYSeries bar = chart.addSeries(outcomes[o] + " " + categories.get(c),
                        new double[] {0, r.rate() * 100}, new double[] {y, y});
                bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                bar.setLineColor(colours[o]);
                bar.setLineStyle(new java.awt.BasicStroke(barPixels, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER));
                bar.setMarker(SeriesMarkers.NONE);
                bar.setShowInLegend(c == 0);
                if (c == 0) {
                    bar.setLabel(outcomes[o]);
                }
                XYSeries interval = chart.addSeries(INTERVAL + outcomes[o] + " " + categories.get(c),
                        new double[] {r.interval().lower() * 100, r.interval().upper() * 100}, new double[] {y, y});
                interval.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                interval.setLineColor(new java.awt.Color(40, 40, 40));
                interval.setLineStyle(ChartStyle.line(2f));
                interval.setMarker(SeriesMarkers.NONE);
                interval.setShowInLegend(false);
            }
        }
        return chart;
    }

    /** Names of the interval series start so (the bars' names are "win CATEGORY"). */
    static final String INTERVAL = "95% interval ";

    private ReportSection judgedExamples(List<BpoJudgement> judgements) {
        StringBuilder html = new StringBuilder("<p>The first " + Math.min(EXAMPLES_SHOWN, judgements.size()) + " of "
                + judgements.size() + " comparisons. Deleted words are struck through, inserted words underlined.</p>\n");
        StringBuilder md = new StringBuilder();
        for (BpoJudgement j : judgements.subList(0, Math.min(EXAMPLES_SHOWN, judgements.size()))) {
            html.append("<div class=\"example\"><div class=\"example-head\"><span class=\"outcome ").append(Html.escape(j.outcome()))
                    .append("\">").append(Html.escape(j.outcome())).append("</span> <code>").append(Html.escape(j.id()))
                    .append("</code>").append(j.category() == null ? "" : " · " + Html.escape(j.category())).append("</div>\n")
                    .append("<p class=\"diff\">").append(WordDiff.toHtml(WordDiff.diff(j.original(), j.rewritten())))
                    .append("</p>\n");
            if (j.originalResponse() != null || j.rewrittenResponse() != null) {
                html.append("<details><summary>responses</summary><div class=\"responses\"><div><h4>to the original prompt</h4><pre>")
                        .append(Html.escape(j.originalResponse())).append("</pre></div><div><h4>to the rewritten prompt</h4><pre>")
                        .append(Html.escape(j.rewrittenResponse())).append("</pre></div></div></details>\n");
            }
            html.append("</div>\n");
            md.append("**").append(Markdown.cell(j.id())).append("** (").append(Markdown.cell(j.outcome())).append(")\n\n")
                    .append("Original:\n\n").append(Markdown.fenced(j.original()))
                    .append("\nRewritten:\n\n").append(Markdown.fenced(j.rewritten())).append('\n');
        }
        return new ReportSection("examples", "Examples: original vs rewritten", html.toString(), md.toString());
    }

    private ReportSection pairSummary(List<BpoPair> pairs) {
        long kept = pairs.stream().filter(BpoPair::kept).count();
        TreeMap<String, long[]> byCategory = new TreeMap<>();
        TreeMap<String, Long> reasons = new TreeMap<>();
        for (BpoPair p : pairs) {
            long[] c = byCategory.computeIfAbsent(p.category() == null ? "(none)" : p.category(), k -> new long[2]);
            c[p.kept() ? 0 : 1]++;
            if (!p.kept()) {
                reasons.merge(p.reason() == null ? "(no reason given)" : p.reason(), 1L, Long::sum);
            }
        }
        Table categories = new Table("category", "kept", "dropped", "kept share");
        byCategory.forEach((cat, c) -> categories.row(Table.Cell.text(cat), Table.Cell.number(String.valueOf(c[0])),
                Table.Cell.number(String.valueOf(c[1])), Table.Cell.number(Format.percent((double) c[0] / (c[0] + c[1])))));
        Table dropped = new Table("why dropped", "pairs");
        reasons.forEach((reason, n) -> dropped.row(Table.Cell.text(reason), Table.Cell.number(String.valueOf(n))));
        String line = String.format(Locale.ROOT, "%d pairs built, %d kept (%s).", pairs.size(), kept,
                Format.percent((double) kept / pairs.size()));
        String html = "<p>" + Html.escape(line) + "</p>\n" + categories.html() + (dropped.isEmpty() ? "" : dropped.html());
        String md = line + "\n\n" + categories.markdown() + (dropped.isEmpty() ? "" : "\n" + dropped.markdown());
        return new ReportSection("pairs", "Pairs", html, md);
    }

    private ReportSection pairExamples(List<BpoPair> pairs) {
        List<BpoPair> shown = pairs.stream().filter(p -> p.kept() && p.optimized() != null).limit(EXAMPLES_SHOWN).toList();
        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        for (BpoPair p : shown) {
            html.append("<div class=\"example\"><div class=\"example-head\"><code>").append(Html.escape(p.id())).append("</code>")
                    .append(p.category() == null ? "" : " · " + Html.escape(p.category())).append("</div>\n<p class=\"diff\">")
                    .append(WordDiff.toHtml(WordDiff.diff(p.original(), p.optimized()))).append("</p></div>\n");
            md.append("**").append(Markdown.cell(p.id())).append("**\n\nOriginal:\n\n").append(Markdown.fenced(p.original()))
                    .append("\nOptimized:\n\n").append(Markdown.fenced(p.optimized())).append('\n');
        }
        if (shown.isEmpty()) {
            html.append("<p>No pair was kept.</p>\n");
            md.append("No pair was kept.\n");
        }
        return new ReportSection("pair-examples", "Examples: user prompt vs optimized prompt", html.toString(), md.toString());
    }
}
