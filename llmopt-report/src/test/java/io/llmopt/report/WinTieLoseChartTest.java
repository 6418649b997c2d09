package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.stats.CategoryRate;
import io.llmopt.core.stats.WinTieLose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The BPO win/tie/lose chart as written into a report: each error bar is the rate's Wilson interval
 * as it is (never below 0% nor above 100%, even for 0 of 4 and 4 of 4), and every category is
 * labelled, however many there are. The PNG and SVG are left in target/charts for a look.
 */
class WinTieLoseChartTest {

    @TempDir
    Path dir;

    private static Map<String, WinTieLose> counts() {
        Map<String, WinTieLose> counts = new LinkedHashMap<>();
        counts.put(WinRates.ALL, WinTieLose.of(41, 12, 7));
        String[] names = {"brainstorming", "classification", "closed_qa", "creative_writing", "general_qa",
            "information_extraction", "open_qa", "summarization", "coding"};
        for (int i = 0; i < names.length; i++) {
            counts.put(names[i], i % 3 == 0 ? WinTieLose.of(4, 0, 0) : i % 3 == 1 ? WinTieLose.of(0, 1, 3) : WinTieLose.of(2, 1, 1));
        }
        return counts;
    }

    @Test
    void errorBarsAreTheWilsonIntervalsInsideZeroToHundredPercent() {
        Map<String, WinTieLose> counts = counts();
        XYChart chart = BpoSections.chart(counts);
        int intervals = 0;
        for (XYSeries s : chart.getSeriesCollection()) {
            if (!s.getName().startsWith(BpoSections.INTERVAL)) {
                continue;
            }
            intervals++;
            String[] words = s.getName().substring(BpoSections.INTERVAL.length()).split(" ", 2);
            CategoryRate rate = counts.get(words[1]).rates().get(words[0]);
            double[] ys = s.getXData();
            assertThat(java.util.Arrays.stream(ys).boxed().toList()).as(s.getName()).allSatisfy(y -> assertThat(y).isBetween(0.0, 100.0));
            assertThat(ys[0]).as(s.getName()).isCloseTo(rate.interval().lower() * 100, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(ys[1]).as(s.getName()).isCloseTo(rate.interval().upper() * 100, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(intervals).isEqualTo(3 * counts.size());
    }

    @Test
    void everyCategoryIsLabelled() throws Exception {
        for (int size : new int[] {4, counts().size()}) {
            Map<String, WinTieLose> counts = new LinkedHashMap<>();
            counts().entrySet().stream().limit(size).forEach(e -> counts.put(e.getKey(), e.getValue()));
            XYChart chart = BpoSections.chart(counts);
            Path out = Files.createDirectories(Path.of("target", "charts"));
            RenderedChart rendered = new ChartWriter(out).write("win-tie-lose-" + size, chart);
            assertThat(rendered.png()).exists();
            assertThat(categoryLabels(chart)).as(size + " categories").containsExactlyInAnyOrderElementsOf(counts.keySet());
        }
    }

    /** The category (y-axis) labels XChart drew (its tick labels are not public; text in the SVG is drawn as outlines). */
    private static java.util.List<String> categoryLabels(XYChart chart) throws Exception {
        java.lang.reflect.Field pair = org.knowm.xchart.internal.chartpart.AxesChart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        var axes = (org.knowm.xchart.internal.chartpart.AxisPair<?, ?>) pair.get(chart);
        java.lang.reflect.Method yAxis = org.knowm.xchart.internal.chartpart.AxisPair.class.getDeclaredMethod("getYAxis");
        yAxis.setAccessible(true);
        var axis = (org.knowm.xchart.internal.chartpart.Axis_<?, ?>) yAxis.invoke(axes);
        var calculator = (org.knowm.xchart.internal.chartpart.AxisTickCalculator_) axis.getAxisTickCalculator();
        return calculator.getTickLabels();
    }
}
