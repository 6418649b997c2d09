package io.llmopt.report;

import io.llmopt.report.payload.NumericEvaluation;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sections of a numeric OPRO run (linear regression, TSP, black-box objective): the best
 * value per step against the reference optimum, the explored (w, b) points for linear regression,
 * the best tour for TSP, and the result table with the gap.
 */
final class NumericSections implements SectionSource {

    /** Steps are grouped into at most this many colours in the (w, b) plot, so the legend stays readable. */
    static final int STEP_GROUPS = 6;

    @Override
    public List<ReportSection> sections(ReportContext ctx) {
        NumericSummary summary = NumericSummary.parse(ctx.run().summaryJson());
        List<NumericEvaluation> evaluations = new ArrayList<>();
        for (WorkItem item : ctx.store().workItems(ctx.runId(), NumericEvaluation.KIND)) {
            if (item.payloadJson() != null) {
                evaluations.add(NumericEvaluation.from(item));
            }
        }
        List<ReportSection> out = new ArrayList<>();
        out.add(result(summary, evaluations));
        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        if (evaluations.stream().anyMatch(NumericEvaluation::succeeded)) {
            figure(ctx, "best-value", bestValueChart(summary, evaluations),
                    "Every evaluated solution's value per step, the best so far, and the reference optimum when known.", html, md);
        }
        BaselineCurves.chart(ctx.run().summaryJson(), summary.maximizing()).ifPresent(c -> figure(ctx, "baselines", c,
                "The best value so far against the number of evaluations, for OPRO and for each baseline run on the same budget.",
                html, md));
        if (RunKinds.OPRO_LINREG.equals(ctx.run().kind())) {
            explored(summary, evaluations).ifPresent(c -> figure(ctx, "explored-wb", c,
                    "The (w, b) pairs the optimizer proposed, coloured by step; the cross marks the true (w, b).", html, md));
        }
        if (summary.cities() != null && summary.bestTour() != null && !summary.bestTour().isEmpty()) {
            figure(ctx, "best-tour", tourChart(summary), "The best tour found, closed back to its first city.", html, md);
        }
        if (!html.isEmpty()) {
            out.add(new ReportSection("charts", "Charts", html.toString(), md.toString()));
        }
        return out;
    }

    private static void figure(ReportContext ctx, String name, XYChart chart, String caption, StringBuilder html, StringBuilder md) {
        RenderedChart rendered = ctx.charts().write(name, chart);
        html.append(Figures.html(rendered, caption));
        md.append(Figures.markdown(rendered, caption));
    }

    private static ReportSection result(NumericSummary s, List<NumericEvaluation> evaluations) {
        Double best = s.bestValue() != null ? s.bestValue() : bestOf(s, evaluations);
        long failed = evaluations.stream().filter(e -> !e.succeeded()).count();
        Double gap = new NumericSummary(s.direction(), best, null, s.referenceValue(), null, s.gap(), null, null, null, null)
                .effectiveGap();
        Table table = new Table("measure", "value").cssClass("compact")
                .row(Table.Cell.text("direction"), Table.Cell.text(s.maximizing() ? "maximize" : "minimize"))
                .row(Table.Cell.text("best value"), Table.Cell.number(Format.number(best)))
                .row(Table.Cell.text("best solution"), Table.Cell.text(s.bestSolution() == null ? "–" : s.bestSolution().toString()))
                .row(Table.Cell.text("reference optimum"), Table.Cell.number(Format.number(s.referenceValue())))
                .row(Table.Cell.text("reference method"), Table.Cell.text(s.referenceMethod() == null ? "–" : s.referenceMethod()))
                .row(Table.Cell.text("gap to reference"), Table.Cell.number(gap == null ? "–" : Format.percent(gap)))
                .row(Table.Cell.text("solutions evaluated"), Table.Cell.number(String.valueOf(evaluations.size())))
                .row(Table.Cell.text("failed evaluations"), Table.Cell.number(String.valueOf(failed)));
        return new ReportSection("result", "Result", table.html(), table.markdown());
    }

    private static Double bestOf(NumericSummary s, List<NumericEvaluation> evaluations) {
        return evaluations.stream().filter(NumericEvaluation::succeeded).map(NumericEvaluation::value)
                .reduce((a, b) -> s.maximizing() ? Math.max(a, b) : Math.min(a, b)).orElse(null);
    }

    static XYChart bestValueChart(NumericSummary s, List<NumericEvaluation> evaluations) {
        XYChart chart = ChartStyle.xy("Objective value per step", "step", "value (" + (s.maximizing() ? "higher" : "lower")
                + " is better)");
        chart.getStyler().setXAxisDecimalPattern("#");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        TreeMap<Integer, Double> bestOfStep = new TreeMap<>();
        for (NumericEvaluation e : evaluations) {
            if (!e.succeeded()) {
                continue;
            }
            xs.add((double) e.step());
            ys.add(e.value());
            bestOfStep.merge(e.step(), e.value(), s.maximizing() ? Math::max : Math::min);
        }
        XYSeries dots = chart.addSeries("evaluated solution", xs, ys);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarkerColor(new java.awt.Color(0, 114, 178, 150));
        List<Double> bx = ChartStyle.addBestSoFar(chart, bestOfStep, s.maximizing());
        // values spanning orders of magnitude (a regression loss) read better on a log axis
        double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (lo > 0 && hi / lo > 100 && (s.referenceValue() == null || s.referenceValue() > 0)) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle(chart.getYAxisTitle() + ", log scale");
        }
        if (s.referenceValue() != null && !bx.isEmpty()) {
            String label = "reference" + (s.referenceMethod() == null ? "" : " (" + s.referenceMethod() + ")");
            XYSeries ref = chart.addSeries(label, List.of(bx.get(0), bx.get(bx.size() - 1)),
                    List.of(s.referenceValue(), s.referenceValue()));
            ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineColor(ChartStyle.GREEN);
            ref.setLineStyle(ChartStyle.dashed(2.5f));
        }
        return chart;
    }

    static java.util.Optional<XYChart> explored(NumericSummary s, List<NumericEvaluation> evaluations) {
        List<NumericEvaluation> points = evaluations.stream()
                .filter(e -> e.succeeded() && e.wb().isPresent()).toList();
        if (points.isEmpty()) {
            return java.util.Optional.empty();
        }
        XYChart chart = ChartStyle.xy("Explored (w, b) pairs", "w", "b");
        int maxStep = points.stream().mapToInt(NumericEvaluation::step).max().orElse(0);
        int groupSize = Math.max(1, (maxStep + STEP_GROUPS) / STEP_GROUPS);
        TreeMap<Integer, List<double[]>> groups = new TreeMap<>();
        for (NumericEvaluation e : points) {
            groups.computeIfAbsent(e.step() / groupSize, g -> new ArrayList<>())
                    .add(e.wb().orElseThrow());
        }
        // sequential blues, light (early) to dark (late): the order of exploration reads at a glance
        int index = 0;
        for (var g : groups.entrySet()) {
            int from = g.getKey() * groupSize;
            int to = Math.min(maxStep, from + groupSize - 1);
            String label = from == to ? "step " + from : String.format(Locale.ROOT, "steps %d–%d", from, to);
            XYSeries series = chart.addSeries(label, g.getValue().stream().map(p -> p[0]).toList(),
                    g.getValue().stream().map(p -> p[1]).toList());
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            float t = groups.size() == 1 ? 1f : (float) index / (groups.size() - 1);
            series.setMarkerColor(new java.awt.Color(
                    Math.round(180 - 170 * t), Math.round(210 - 150 * t), Math.round(240 - 100 * t)));
            index++;
        }
        if (s.trueW() != null && s.trueB() != null) {
            XYSeries truth = chart.addSeries("true (w, b)", List.of(s.trueW()), List.of(s.trueB()));
            truth.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            truth.setMarker(SeriesMarkers.CROSS);
            truth.setMarkerColor(ChartStyle.VERMILLION);
        }
        return java.util.Optional.of(chart);
    }

    static XYChart tourChart(NumericSummary s) {
        List<List<Double>> cities = s.cities();
        XYChart chart = ChartStyle.xy("Best tour" + (s.bestValue() == null ? "" : " (length " + Format.number(s.bestValue()) + ")"),
                "x", "y");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setPlotContentSize(0.95);
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        List<Integer> tour = new ArrayList<>(s.bestTour());
        tour.add(tour.get(0));
        for (int city : tour) {
            if (city < 0 || city >= cities.size()) {
                throw new IllegalArgumentException("the best tour visits city " + city + " but the summary lists "
                        + cities.size() + " cities");
            }
            tx.add(cities.get(city).get(0));
            ty.add(cities.get(city).get(1));
        }
        equalRanges(chart, cities);
        XYSeries path = chart.addSeries("tour", tx, ty);
        path.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        path.setMarker(SeriesMarkers.NONE);
        path.setLineColor(ChartStyle.BLUE);
        path.setLineStyle(ChartStyle.line(2.5f));
        XYSeries dots = chart.addSeries("city", cities.stream().map(c -> c.get(0)).toList(),
                cities.stream().map(c -> c.get(1)).toList());
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(ChartStyle.ORANGE);
        XYSeries start = chart.addSeries("start", List.of(tx.get(0)), List.of(ty.get(0)));
        start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        start.setMarker(SeriesMarkers.SQUARE);
        start.setMarkerColor(ChartStyle.VERMILLION);
        return chart;
    }

    /** The same span on both axes (on a near-square plot), so the tour is not distorted. */
    private static void equalRanges(XYChart chart, List<List<Double>> cities) {
        double minX = cities.stream().mapToDouble(c -> c.get(0)).min().orElse(0);
        double maxX = cities.stream().mapToDouble(c -> c.get(0)).max().orElse(1);
        double minY = cities.stream().mapToDouble(c -> c.get(1)).min().orElse(0);
        double maxY = cities.stream().mapToDouble(c -> c.get(1)).max().orElse(1);
        double half = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9) * 0.55;
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        chart.getStyler().setXAxisMin(cx - half).setXAxisMax(cx + half).setYAxisMin(cy - half).setYAxisMax(cy + half);
    }
}
