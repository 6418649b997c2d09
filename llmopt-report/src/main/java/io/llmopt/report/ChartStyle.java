package io.llmopt.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every chart, readable on a slide and in a two-column paper: white background,
 * light grid, large fonts, and the Okabe-Ito palette, which stays distinguishable for colour-blind
 * readers and in greyscale print.
 */
final class ChartStyle {

    static final int WIDTH = 900;
    static final int HEIGHT = 520;

    static final Color BLUE = new Color(0, 114, 178);
    static final Color ORANGE = new Color(230, 159, 0);
    static final Color GREEN = new Color(0, 158, 115);
    static final Color VERMILLION = new Color(213, 94, 0);
    static final Color SKY = new Color(86, 180, 233);
    static final Color PURPLE = new Color(204, 121, 167);
    static final Color YELLOW = new Color(240, 228, 66);
    static final Color GREY = new Color(110, 110, 110);

    static final Color[] PALETTE = {BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, GREY, YELLOW};

    private ChartStyle() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(title, xTitle, yTitle, HEIGHT);
    }

    /** The same with another height: a chart listing many categories down its side grows with them. */
    static XYChart xy(String title, String xTitle, String yTitle, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        return chart;
    }

    /**
     * Adds the "best so far" line over the best value of each step (the running maximum, or minimum
     * when lower is better), in the style every run report uses; returns its x values, step order.
     */
    static List<Double> addBestSoFar(XYChart chart, SortedMap<Integer, Double> bestOfStep, boolean maximizing) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        Double best = null;
        for (var e : bestOfStep.entrySet()) {
            best = best == null ? e.getValue() : maximizing ? Math.max(best, e.getValue()) : Math.min(best, e.getValue());
            xs.add((double) e.getKey());
            ys.add(best);
        }
        XYSeries running = chart.addSeries("best so far", xs, ys);
        running.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        running.setMarker(SeriesMarkers.NONE);
        running.setLineColor(VERMILLION);
        running.setLineStyle(line(3f));
        return xs;
    }

    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);
    }

    private static void apply(AxesChartStyler s) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        s.setBaseFont(base);
        s.setChartTitleFont(base.deriveFont(Font.BOLD, 19f));
        s.setAxisTitleFont(base.deriveFont(16f));
        s.setAxisTickLabelsFont(base.deriveFont(14f));
        s.setLegendFont(base.deriveFont(14f));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(170, 170, 170));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CROSS, SeriesMarkers.TRIANGLE_DOWN});
        s.setChartPadding(12);
        s.setAntiAlias(true);
    }
}
