package io.llmopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.report.ReportJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The best value found against the number of evaluations, for the OPRO run and for each baseline
 * run afterwards on the same budget ({@code opro optimize}), drawn side by side. Read from the run
 * summary: OPRO's {@code best_curve} over {@code evaluations_curve}, and per baseline
 * {@code baselines.NAME.best_curve} (one value per evaluation).
 */
final class BaselineCurves {

    private BaselineCurves() {
    }

    /** The chart, when the summary has at least one baseline curve. */
    static Optional<XYChart> chart(String summaryJson, boolean maximizing) {
        JsonNode summary = summaryJson == null ? null : ReportJson.tree(summaryJson);
        if (summary == null || !summary.path("baselines").isObject()) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy("Best value against evaluations: OPRO and the baselines", "evaluations",
                "best value so far (" + (maximizing ? "higher" : "lower") + " is better)");
        chart.getStyler().setXAxisDecimalPattern("#");
        int colour = 0;
        List<double[]> opro = points(summary.path("evaluations_curve"), summary.path("best_curve"));
        if (!opro.isEmpty()) {
            add(chart, "opro", opro, ChartStyle.PALETTE[colour++]);
        }
        boolean any = false;
        for (Map.Entry<String, JsonNode> b : summary.path("baselines").properties()) {
            JsonNode curve = b.getValue().path("best_curve");
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < curve.size(); i++) {
                if (curve.get(i).isNumber()) {
                    pts.add(new double[] {i + 1, curve.get(i).asDouble()});
                }
            }
            if (!pts.isEmpty()) {
                add(chart, b.getKey(), pts, ChartStyle.PALETTE[colour++ % ChartStyle.PALETTE.length]);
                any = true;
            }
        }
        return any ? Optional.of(chart) : Optional.empty();
    }

    private static List<double[]> points(JsonNode xs, JsonNode ys) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
            if (xs.get(i).isNumber() && ys.get(i).isNumber()) {
                out.add(new double[] {xs.get(i).asDouble(), ys.get(i).asDouble()});
            }
        }
        return out;
    }

    private static void add(XYChart chart, String name, List<double[]> pts, java.awt.Color colour) {
        XYSeries series = chart.addSeries(name, pts.stream().map(p -> p[0]).toList(), pts.stream().map(p -> p[1]).toList());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(ChartStyle.line(2.5f));
    }
}
