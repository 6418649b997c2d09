package io.llmopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.report.ReportJson;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The sections of a transfer run (instructions scored with several scorer models and data sets):
 * a heat map of accuracy, instructions × columns, and the matrix as a table with each cell's 95%
 * interval and its paired comparison with the baseline. Read from the run summary's "transfer"
 * object, which the run writes once every column is scored.
 */
final class TransferSections implements SectionSource {

    @Override
    public List<ReportSection> sections(ReportContext ctx) {
        JsonNode summary = ctx.run().summaryJson() == null ? null : ReportJson.tree(ctx.run().summaryJson());
        JsonNode matrix = summary == null ? null : summary.get("transfer");
        if (matrix == null || !matrix.path("cells").isArray()) {
            String text = "The transfer has not scored every column yet; resume it to finish the matrix.";
            return List.of(new ReportSection("transfer", "Transfer", "<p>" + Html.escape(text) + "</p>\n", text + "\n"));
        }
        List<String> instructions = new ArrayList<>();
        matrix.path("instructions").forEach(n -> instructions.add(n.asText()));
        List<String> columns = new ArrayList<>();
        matrix.path("columns").forEach(n -> columns.add(n.path("model").asText() + " · " + n.path("dataset").asText()));
        JsonNode[][] cells = new JsonNode[instructions.size()][columns.size()];
        for (JsonNode c : matrix.path("cells")) {
            int i = c.path("instruction").asInt();
            int col = c.path("column").asInt();
            if (i < instructions.size() && col < columns.size()) {
                cells[i][col] = c;
            }
        }
        List<Integer> best = new ArrayList<>();
        matrix.path("best").forEach(n -> best.add(n.isNull() ? -1 : n.asInt()));

        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        String counts = String.format(Locale.ROOT, "%d instruction(s) scored in %d column(s) (scorer model · data set).",
                instructions.size(), columns.size());
        html.append("<p>").append(Html.escape(counts)).append("</p>\n");
        md.append(counts).append("\n\n");
        RenderedChart chart = ctx.charts().write("transfer-heatmap", heatMap(instructions, columns, cells));
        String caption = "Accuracy (%) of each instruction (rows; B = baseline) with each scorer model on each data set (columns).";
        html.append(Figures.html(chart, caption));
        md.append(Figures.markdown(chart, caption));

        List<String> header = new ArrayList<>(List.of("#", "instruction"));
        header.addAll(columns);
        Table table = new Table(header.toArray(String[]::new)).cssClass("transfer");
        for (int i = 0; i < instructions.size(); i++) {
            List<Table.Cell> row = new ArrayList<>();
            row.add(Table.Cell.text(label(i)));
            String text = instructions.get(i);
            row.add(text.isEmpty() ? Table.Cell.text("(empty instruction)")
                    : Table.Cell.html("<q class=\"instruction\">" + Html.escape(text) + "</q>", Markdown.cell(text)));
            for (int c = 0; c < columns.size(); c++) {
                row.add(Table.Cell.number(cellText(cells[i][c], c < best.size() && best.get(c) == i)));
            }
            table.row(row.toArray(Table.Cell[]::new));
        }
        String note = "Each cell: accuracy with its 95% Wilson interval; for the other instructions the difference to the"
                + " baseline B on the same examples and the exact McNemar p-value; ★ marks the best instruction of the column.";
        html.append(table.html()).append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
        md.append(table.markdown()).append('\n').append(note).append('\n');
        return List.of(new ReportSection("transfer", "Transfer matrix", html.toString(), md.toString()));
    }

    static String label(int instruction) {
        return instruction == 0 ? "B" : Integer.toString(instruction);
    }

    private static String cellText(JsonNode cell, boolean best) {
        if (cell == null) {
            return "–";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]",
                cell.path("accuracy").asDouble() * 100, cell.path("ci_lower").asDouble() * 100,
                cell.path("ci_upper").asDouble() * 100));
        if (cell.has("difference")) {
            s.append(String.format(Locale.ROOT, "; %+.1f, p %s", cell.path("difference").asDouble() * 100,
                    Format.pValue(cell.path("p_value").asDouble())));
        }
        if (best) {
            s.append(" ★");
        }
        return s.toString();
    }

    /** Accuracy in percent, white (0) to blue (100), with the value written in each cell. */
    private static HeatMapChart heatMap(List<String> instructions, List<String> columns, JsonNode[][] cells) {
        int height = Math.max(ChartStyle.HEIGHT / 2, 160 + 80 * instructions.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(height).title("Transfer: accuracy (%)")
                .xAxisTitle("scorer model · data set").yAxisTitle("instruction").build();
        var s = chart.getStyler();
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        s.setBaseFont(base);
        s.setChartTitleFont(base.deriveFont(Font.BOLD, 19f));
        s.setAxisTitleFont(base.deriveFont(16f));
        s.setAxisTickLabelsFont(base.deriveFont(14f));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setRangeColors(new Color[] {Color.WHITE, ChartStyle.SKY, ChartStyle.BLUE});
        s.setMin(0);
        s.setMax(100);
        s.setShowValue(true);
        s.setValueFont(base.deriveFont(Font.BOLD, 14f));
        s.setValueFontColor(Color.BLACK);
        s.setHeatMapValueDecimalPattern("0.0");
        s.setDrawBorder(true);
        s.setAntiAlias(true);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            rows.add(label(i));
        }
        List<Number[]> values = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                if (cells[i][c] != null) {
                    values.add(new Number[] {c, i, cells[i][c].path("accuracy").asDouble() * 100});
                }
            }
        }
        chart.addSeries("accuracy", columns, rows, values);
        return chart;
    }
}
