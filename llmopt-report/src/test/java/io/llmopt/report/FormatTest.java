package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.stats.WilsonInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void numbersKeepFourSignificantDigitsWithoutTrailingZeros() {
        assertThat(Format.number(12.3)).isEqualTo("12.3");
        assertThat(Format.number(55.0)).isEqualTo("55");
        assertThat(Format.number(1234.5678)).isEqualTo("1235");
        assertThat(Format.number(0.000123456)).isEqualTo("0.0001235");
        assertThat(Format.number(null)).isEqualTo("–");
    }

    @Test
    void percentagesIntervalsAndPValues() {
        assertThat(Format.percent(0.725)).isEqualTo("72.5%");
        assertThat(Format.percentWithInterval(0.5, WilsonInterval.of(30, 60))).isEqualTo("50.0% [37.7, 62.3]");
        assertThat(Format.pValue(0.00001)).isEqualTo("<0.0001");
        assertThat(Format.pValue(0.0213)).isEqualTo("0.0213");
    }

    @Test
    void durations() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Format.duration(t, t.plusSeconds(3723))).isEqualTo("1h 02m 03s");
        assertThat(Format.duration(t, t.plusSeconds(65))).isEqualTo("1m 05s");
        assertThat(Format.duration(null, t)).isEqualTo("–");
    }

    @Test
    void markdownCellsStayOnOneLineAndCannotInjectHtmlOrColumns() {
        assertThat(Markdown.cell("a|b\n<script>")).isEqualTo("a\\|b ⏎ &lt;script&gt;");
        assertThat(Markdown.fenced("x ``` y")).startsWith("````text\n").endsWith("````\n");
    }
}
