package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartWriterTest {

    @Test
    void inlineSvgDropsThePrologAndPrefixesIdsSoChartsCanShareAPage() {
        String svg = """
                <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
                <svg height="500px" viewBox="0 0 800 500" width="800px" xmlns="http://www.w3.org/2000/svg">
                <defs><clipPath id="clip1"><rect height="5" width="5"/></clipPath></defs>
                <g clip-path="url(#clip1)"/></svg>""";
        String inline = ChartWriter.inline(svg, "best-tour");
        assertThat(inline).startsWith("<svg class=\"chart\"").doesNotContain("<?xml", "DOCTYPE", "800px", "500px")
                .contains("id=\"best-tour-clip1\"", "url(#best-tour-clip1)", "viewBox=\"0 0 800 500\"", "height=\"5\"");
    }
}
