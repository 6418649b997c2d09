package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.report.RunKinds;
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

    @Test
    void aTransferRunIsDrawnAsAHeatMapAndAMatrixTable() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String run = SampleRuns.transfer(store);
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
