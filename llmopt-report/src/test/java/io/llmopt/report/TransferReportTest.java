package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a transfer run: the heat map and the matrix table with intervals, paired tests and the best per column. */
class TransferReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two instructions × two columns, as a transfer run stores them: {instructions, columns, cells, best}. */
    private static ObjectNode matrix() {
        ObjectNode m = JSON.createObjectNode();
        m.putArray("instructions").add("").add("Let's add <carefully>.");
        ArrayNode columns = m.putArray("columns");
        columns.addObject().put("model", "strong").put("dataset", "sums").put("split", "test").put("examples", 20);
        columns.addObject().put("model", "weak").put("dataset", "sums").put("split", "test").put("examples", 20);
        ArrayNode cells = m.putArray("cells");
        cell(cells, 0, 0, 10, null);
        cell(cells, 1, 0, 20, new double[] {0.5, 0, 10, 0.001953125});
        cell(cells, 0, 1, 10, null);
        cell(cells, 1, 1, 10, new double[] {0, 10, 10, 1.0});
        m.putArray("best").add(1).add(0);
        return m;
    }

    private static void cell(ArrayNode cells, int instruction, int column, int correct, double[] vs) {
        var ci = WilsonInterval.of(correct, 20);
        ObjectNode c = cells.addObject().put("instruction", instruction).put("column", column).put("accuracy", correct / 20.0)
                .put("correct", correct).put("examples", 20).put("ci_lower", ci.lower()).put("ci_upper", ci.upper());
        if (vs != null) {
            c.put("difference", vs[0]).put("only_baseline_correct", (long) vs[1]).put("only_instruction_correct", (long) vs[2])
                    .put("p_value", vs[3]);
        }
    }

    @Test
    void aTransferRunIsDrawnAsAHeatMapAndAMatrixTable() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String run = store.createRun(RunKinds.OPRO_TRANSFER, "transfer 2x1", JSON.createObjectNode()).id();
            store.updateSummary(run, JSON.createObjectNode().set("transfer", matrix()));
            store.updateStatus(run, RunStatus.COMPLETED);
            ReportFiles files = ReportWriter.write(store, run, dir.resolve("report"));

            Document doc = Jsoup.parse(files.html().toFile());
            assertThat(doc.select("dd[data-fact=best]").text()).isEqualTo("2 instructions × 2 columns; best: 1 in 1, B in 1");
            Element section = doc.selectFirst("section#transfer");
            assertThat(section).isNotNull();
            assertThat(section.select("figure svg")).hasSize(1);
            List<String> head = section.select("table thead th").eachText();
            assertThat(head).containsExactly("#", "instruction", "strong · sums", "weak · sums");
            List<Element> rows = section.select("table tbody tr");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).select("td").eachText()).containsExactly("B", "(empty instruction)", "50.0% [29.9, 70.1]", "50.0% [29.9, 70.1] ★");
            assertThat(rows.get(1).select("td").eachText()).containsExactly("1", "Let's add <carefully>.",
                    "100.0% [83.9, 100.0]; +50.0, p 0.0020 ★", "50.0% [29.9, 70.1]; +0.0, p 1.0000");
            // the instruction is text, never markup
            assertThat(section.select("q.instruction carefully")).isEmpty();

            BufferedImage png = ImageIO.read(files.html().getParent().resolve("transfer-heatmap.png").toFile());
            assertThat(png.getWidth()).isGreaterThan(ChartStyle.WIDTH);
            // the 100% cell is drawn in the palette's blue, the 50% cells in a lighter shade
            assertThat(pixelsNear(png, ChartStyle.BLUE)).isGreaterThan(2_000);
            assertThat(files.html().getParent().resolve("transfer-heatmap.svg")).exists();
            String md = Files.readString(files.markdown());
            assertThat(md).contains("## Transfer matrix", "![Transfer: accuracy (%)](transfer-heatmap.png)",
                    "| 1 | Let&#39;s add &lt;carefully&gt;. |");
        }
    }

    private static int pixelsNear(BufferedImage image, java.awt.Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) < 30) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aTransferStoppedBeforeItsMatrixSaysSo() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String run = store.createRun(RunKinds.OPRO_TRANSFER, "t", JSON.createObjectNode()).id();
            store.updateStatus(run, RunStatus.INTERRUPTED);
            ReportFiles files = ReportWriter.write(store, run, dir.resolve("report"));
            assertThat(Jsoup.parse(files.html().toFile()).select("section#transfer").text())
                    .contains("has not scored every column yet");
        }
    }
}
