package io.llmopt.report;

import java.nio.file.Path;

/**
 * A chart written to disk as PNG (slides) and SVG (papers), with the SVG markup ready to inline in
 * the HTML report.
 *
 * @param name      file stem, e.g. "training-accuracy"
 * @param title     the chart's title, for captions and alt text
 * @param png       the PNG file
 * @param svg       the SVG file
 * @param inlineSvg the SVG element without XML prolog, its ids made unique within the report
 */
public record RenderedChart(String name, String title, Path png, Path svg, String inlineSvg) {
}
