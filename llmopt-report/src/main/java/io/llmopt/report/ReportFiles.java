package io.llmopt.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} produced.
 *
 * @param html     the self-contained HTML report
 * @param markdown the Markdown summary
 * @param charts   every chart, each as PNG and SVG
 */
public record ReportFiles(Path html, Path markdown, List<RenderedChart> charts) {

    public ReportFiles {
        charts = List.copyOf(charts);
    }
}
