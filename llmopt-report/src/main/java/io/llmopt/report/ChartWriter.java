package io.llmopt.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes charts into a report's folder as PNG and SVG and keeps the SVG for inlining. Works on a
 * headless JVM: nothing here opens a window.
 */
final class ChartWriter {

    /** Twice the screen density: sharp on slides and high-density screens. */
    private static final int PNG_DPI = 144;

    private static final Pattern PROLOG = Pattern.compile("^\\s*<\\?xml[^>]*>\\s*(<!DOCTYPE[^>]*>)?\\s*");
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    private final Path dir;
    private final List<RenderedChart> written = new ArrayList<>();

    ChartWriter(Path dir) {
        this.dir = dir;
    }

    RenderedChart write(String name, Chart<?, ?> chart) {
        try {
            Path png = dir.resolve(name + ".png");
            // saveBitmapWithDPI appends the extension itself
            BitmapEncoder.saveBitmapWithDPI(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG, PNG_DPI);
            String svg = svg(chart);
            Path svgFile = dir.resolve(name + ".svg");
            Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
            RenderedChart rendered = new RenderedChart(name, chart.getTitle(), png, svgFile, inline(svg, name));
            written.add(rendered);
            return rendered;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + name + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    List<RenderedChart> written() {
        return List.copyOf(written);
    }

    private static String svg(Chart<?, ?> chart) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight())).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The SVG element for an HTML page: the XML prolog removed, the size made responsive, and every
     * id (clip paths) prefixed with the chart's name, since several charts share one page.
     */
    static String inline(String svg, String name) {
        String body = PROLOG.matcher(svg).replaceFirst("");
        Matcher m = ID.matcher(body);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        for (String id : ids) {
            String unique = name + "-" + id;
            body = body.replace("id=\"" + id + "\"", "id=\"" + unique + "\"").replace("url(#" + id + ")", "url(#" + unique + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + unique + "\"");
        }
        return body.replaceFirst("<svg ", "<svg class=\"chart\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\" ")
                .replaceFirst(" height=\"\\d+px\"", "").replaceFirst(" width=\"\\d+px\"", "");
    }
}
