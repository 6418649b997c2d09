package io.llmopt.bpo.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictParserTest {

    @Test
    void verdictInTheLastParagraph() {
        assertThat(VerdictParser.parse("Assistant A is more detailed.\n\n[[A]]")).isEqualTo(Verdict.A);
        assertThat(VerdictParser.parse("Both are fine.\n\nFinal verdict: [[C]]")).isEqualTo(Verdict.TIE);
        assertThat(VerdictParser.parse("[[B]]")).isEqualTo(Verdict.B);
    }

    @Test
    void aVerdictOutsideTheLastParagraphIsNotRead() {
        assertThat(VerdictParser.parse("I first thought [[A]].\n\nOn reflection they are close.")).isEqualTo(Verdict.NONE);
    }

    @Test
    void aTrailingBlankLineLeavesAnEmptyLastParagraphAsInPython() {
        assertThat(VerdictParser.parse("Explanation.\n\n[[A]]\n\n")).isEqualTo(Verdict.NONE);
        // "a\n\n\n" splits into ["a", "\n"] in Python: the verdict paragraph keeps a leading newline.
        assertThat(VerdictParser.lastParagraph("x\n\n\n[[B]]")).isEqualTo("\n[[B]]");
        assertThat(VerdictParser.parse("x\n\n\n[[B]]")).isEqualTo(Verdict.B);
    }

    @Test
    void aBeforeBBeforeCWhenSeveralAppear() {
        assertThat(VerdictParser.parse("Not [[B]] but [[A]]")).isEqualTo(Verdict.A);
        assertThat(VerdictParser.parse("[[C]] or [[B]]")).isEqualTo(Verdict.B);
    }

    @Test
    void otherFormatsAreNotVerdicts() {
        assertThat(VerdictParser.parse("Verdict: A")).isEqualTo(Verdict.NONE);
        assertThat(VerdictParser.parse("[A]")).isEqualTo(Verdict.NONE);
        assertThat(VerdictParser.parse("")).isEqualTo(Verdict.NONE);
    }
}
