package io.llmopt.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesOnlyWhatNeedsItAndKeepsTextExact() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(Csv.field("say \"hi\"\nnow")).isEqualTo("\"say \"\"hi\"\"\nnow\"");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.field("")).as("empty text, not a missing value").isEqualTo("\"\"");
        assertThat(Csv.field(" padded ")).isEqualTo("\" padded \"");
        assertThat(Csv.field(0.5)).isEqualTo("0.5");
    }

    @Test
    void aRowEndsWithCrLf() {
        assertThat(Csv.row(Arrays.asList(1, null, "x,y"))).isEqualTo("1,,\"x,y\"\r\n");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsMadeInert() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\tx")).isEqualTo("'\tx");
        assertThat(Csv.field(-0.5)).as("a number stays a number").isEqualTo("-0.5");
        assertThat(Csv.field("a-b")).isEqualTo("a-b");
    }
}
