package io.llmopt.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report of an opro-sweep run: the paper's ablation figures. Training accuracy per step per
 * setting (the mean over the repetitions of each run's best so far, with the range as a band), the
 * final test accuracy per setting with its 95% interval, and calls and cost per setting, so a user
 * sees which settings are worth their price; then the runs, each linked to its own report.
 */
final class SweepSections implements SectionSource {

    @Override
    public List<ReportSection> sections(ReportContext ctx) {
        SweepReadout sweep = SweepReadout.read(ctx.store(), ctx.runId());
        List<ReportSection> out = new ArrayList<>();
        out.add(settings(sweep));
        out.add(figures(ctx, sweep));
        out.add(runs(sweep));
        return out;
    }

    private static ReportSection settings(SweepReadout sweep) {
        Table table = settingsTable(sweep);
        String note = "Training: the best training accuracy at the last step, averaged over the setting's runs. Test: the"
                + " accuracy of each run's best instruction on the test split, pooled over the runs, with its 95% Wilson"
                + " interval and the number of test answers. Calls and cost over every attempt of the setting's runs.";
        String html = table.isEmpty() ? "<p>No run has started yet.</p>\n"
                : table.html() + "<p class=\"note\">" + Html.escape(note) + "</p>\n";
        String md = table.isEmpty() ? "No run has started yet.\n" : table.markdown() + "\n" + note + "\n";
        return new ReportSection("settings", "Settings", html, md);
    }

    static Table settingsTable(SweepReadout sweep) {
        Table table = new Table("#", "setting", "runs", "training", "test", "calls", "cached", "tokens", "cost")
                .cssClass("sweep-settings");
        for (SweepReadout.Setting s : sweep.settings()) {
            table.row(Table.Cell.number(String.valueOf(s.index() + 1)), Table.Cell.text(s.label()),
                    Table.Cell.number(s.completedRuns() + "/" + s.members().size()),
                    Table.Cell.number(s.finalTraining().map(Format::percent).orElse("–")),
                    Table.Cell.number(s.test().map(SplitAccuracy::display).orElse("–")),
                    Table.Cell.number(String.format(Locale.ROOT, "%,d", s.calls())),
                    Table.Cell.number(String.format(Locale.ROOT, "%,d", s.cacheHits())),
                    Table.Cell.number(String.format(Locale.ROOT, "%,d", s.tokens())),
                    Table.Cell.number(Format.cost(s.cost())));
        }
        return table;
    }

    private static ReportSection figures(ReportContext ctx, SweepReadout sweep) {
        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        trainingChart(sweep).ifPresent(chart -> add(ctx, html, md, "sweep-training", chart,
                "Per setting, the mean over its runs of the best training accuracy so far at each step; the shaded"
                        + " lines are the lowest and highest run."));
        testChart(sweep).ifPresent(chart -> add(ctx, html, md, "sweep-test", chart,
                "Per setting (numbered as in the table), the test accuracy of the best instruction of each run, pooled"
                        + " over the runs, with its 95% Wilson interval."));
        costChart(sweep).ifPresent(chart -> add(ctx, html, md, "sweep-cost", chart,
                "Per setting (numbered as in the table), the model calls its runs made and how many of them the"
                        + " response cache answered (those cost nothing)."));
        if (html.isEmpty()) {
            html.append("<p>No run has scored an instruction yet.</p>\n");
            md.append("No run has scored an instruction yet.\n");
        }
        return new ReportSection("figures", "Ablation figures", html.toString(), md.toString());
    }

    private static void add(ReportContext ctx, StringBuilder html, StringBuilder md, String name,
                            org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String caption) {
        RenderedChart rendered = ctx.charts().write(name, chart);
        html.append(Figures.html(rendered, caption));
        md.append(Figures.markdown(rendered, caption));
    }

    static Optional<XYChart> trainingChart(SweepReadout sweep) {
        XYChart chart = ChartStyle.xy("Training accuracy per step", "step", "training accuracy (%)");
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisDecimalPattern("#.#");
        boolean any = false;
        for (SweepReadout.Setting s : sweep.settings()) {
            List<SweepReadout.Band> bands = s.trainingBands();
            if (bands.isEmpty()) {
                continue;
            }
            any = true;
            Color color = ChartStyle.PALETTE[s.index() % ChartStyle.PALETTE.length];
            List<Double> xs = bands.stream().map(b -> (double) b.step()).toList();
            XYSeries mean = chart.addSeries(legend(s), xs, bands.stream().map(b -> b.mean() * 100).toList());
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            mean.setMarker(SeriesMarkers.NONE);
            mean.setLineColor(color);
            mean.setLineStyle(ChartStyle.line(2.5f));
            if (s.members().size() > 1) {
                Color light = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
                band(chart, s, "low", xs, bands.stream().map(b -> b.low() * 100).toList(), light);
                band(chart, s, "high", xs, bands.stream().map(b -> b.high() * 100).toList(), light);
            }
        }
        return any ? Optional.of(chart) : Optional.empty();
    }

    private static void band(XYChart chart, SweepReadout.Setting s, String side, List<Double> xs, List<Double> ys, Color color) {
        XYSeries line = chart.addSeries(legend(s) + " (" + side + ")", xs, ys);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(ChartStyle.dashed(1.2f));
        line.setShowInLegend(false);
    }

    static Optional<XYChart> testChart(SweepReadout sweep) {
        XYChart chart = ChartStyle.xy("Test accuracy per setting", "setting", "test accuracy (%)");
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisDecimalPattern("#.#");
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(sweep.settings().size() + 0.5);
        boolean any = false;
        for (SweepReadout.Setting s : sweep.settings()) {
            Optional<SplitAccuracy> test = s.test();
            if (test.isEmpty()) {
                continue;
            }
            any = true;
            Color color = ChartStyle.PALETTE[s.index() % ChartStyle.PALETTE.length];
            double x = s.index() + 1;
            XYSeries point = chart.addSeries(legend(s), List.of(x), List.of(test.get().accuracy() * 100));
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(color);
            XYSeries interval = chart.addSeries(legend(s) + " (95% interval)", List.of(x, x),
                    List.of(test.get().interval().lower() * 100, test.get().interval().upper() * 100));
            interval.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            interval.setMarker(SeriesMarkers.NONE);
            interval.setLineColor(color);
            interval.setLineStyle(ChartStyle.line(3f));
            interval.setShowInLegend(false);
        }
        return any ? Optional.of(chart) : Optional.empty();
    }

    static Optional<CategoryChart> costChart(SweepReadout sweep) {
        if (sweep.settings().isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = ChartStyle.category("Calls per setting", "setting", "model calls");
        chart.getStyler().setYAxisDecimalPattern("#,###");
        List<String> names = sweep.settings().stream().map(s -> String.valueOf(s.index() + 1)).toList();
        CategorySeries calls = chart.addSeries("calls", names,
                sweep.settings().stream().map(s -> (Number) s.calls()).toList());
        calls.setFillColor(ChartStyle.BLUE);
        CategorySeries hits = chart.addSeries("of them cached", names,
                sweep.settings().stream().map(s -> (Number) s.cacheHits()).toList());
        hits.setFillColor(ChartStyle.SKY);
        return Optional.of(chart);
    }

    private static String legend(SweepReadout.Setting s) {
        String label = s.label().length() > 40 ? s.label().substring(0, 39) + "…" : s.label();
        return (s.index() + 1) + ". " + label;
    }

    private static ReportSection runs(SweepReadout sweep) {
        Table table = new Table("setting", "seed", "run", "status", "best training", "test", "calls", "cost").cssClass("sweep-runs");
        for (SweepReadout.Setting s : sweep.settings()) {
            for (SweepReadout.Member m : s.members()) {
                String runId = m.run() != null ? m.run().id() : "(deleted)";
                // each run's report sits in its own folder next to the sweep's
                String link = m.run() != null ? "<a href=\"../" + Html.escape(runId) + "/report.html\">" + Html.escape(runId) + "</a>"
                        : Html.escape(runId);
                table.row(Table.Cell.text((s.index() + 1) + ". " + s.label()), Table.Cell.number(String.valueOf(m.repetition())),
                        Table.Cell.html(link, runId),
                        Table.Cell.text(m.run() != null ? m.run().status().wireName() : "–"),
                        Table.Cell.number(m.bestSoFar().isEmpty() ? "–" : Format.percent(m.bestSoFar().lastEntry().getValue())),
                        Table.Cell.number(m.test() != null ? m.test().display() : "–"),
                        Table.Cell.number(String.format(Locale.ROOT, "%,d", m.calls().calls())),
                        Table.Cell.number(Format.cost(m.calls().cost())));
            }
        }
        String html = table.isEmpty() ? "<p>No run has started yet.</p>\n" : table.html();
        String md = table.isEmpty() ? "No run has started yet.\n" : table.markdown();
        return new ReportSection("runs", "Runs", html, md);
    }
}
