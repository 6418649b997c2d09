package io.llmopt.report;

/** How a rendered chart appears in each output. */
final class Figures {

    private Figures() {
    }

    static String html(RenderedChart chart, String caption) {
        String name = Html.escape(chart.name());
        return "<figure>" + chart.inlineSvg() + "<figcaption>" + Html.escape(caption) + " <span class=\"files\">(<a href=\""
                + name + ".png\">PNG</a> · <a href=\"" + name + ".svg\">SVG</a>)</span></figcaption></figure>\n";
    }

    static String markdown(RenderedChart chart, String caption) {
        return "![" + Markdown.cell(chart.title()) + "](" + chart.name() + ".png)\n\n*" + Markdown.cell(caption) + "*\n\n";
    }
}
