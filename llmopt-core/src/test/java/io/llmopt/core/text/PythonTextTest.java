package io.llmopt.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PythonTextTest {

    @Test
    void stripRemovesPythonsWhitespaceWhichJavasStripKeeps() {
        String text = "\u00A0\u2007 answer\u202F\u0085\n";
        assertThat(text.strip()).as("Java keeps the no-break spaces").isNotEqualTo("answer");
        assertThat(PythonText.strip(text)).isEqualTo("answer");
        assertThat(PythonText.strip("..a.b..", ".")).isEqualTo("a.b");
    }

    @Test
    void splitKeepsEmptyPartsAndWordsDropsThem() {
        assertThat(PythonText.split("a,,b,", ",")).containsExactly("a", "", "b", "");
        assertThat(PythonText.words("  one\u00A0two \t three ")).containsExactly("one", "two", "three");
        assertThat(PythonText.before("x=1=2", "=")).isEqualTo("x");
        assertThat(PythonText.afterLast("x=1=2", "=")).isEqualTo("2");
    }

    @Test
    void lengthCountsCodePointsAndIsAlphaIsFalseWhenEmpty() {
        assertThat(PythonText.length("a\uD83D\uDE00")).isEqualTo(2);
        assertThat(PythonText.isAlpha("")).isFalse();
        assertThat(PythonText.isAlpha("Ab")).isTrue();
        assertThat(PythonText.isDigit('\u00B2')).as("superscript two").isTrue();
        assertThat(PythonText.isDigit('\u00BD')).as("one half").isFalse();
        assertThat(PythonText.removePunctuation("a.b, c!")).isEqualTo("ab c");
    }

    @Test
    void evalReadsQuotedLiteralsAndRefusesAnythingElse() {
        assertThat(PythonText.evalStringLiteral("'a\\nb' \"c\"")).isEqualTo(Optional.of("a\nbc"));
        assertThat(PythonText.evalStringLiteral("r'\\d'")).isEqualTo(Optional.of("\\d"));
        assertThat(PythonText.evalStringLiteral("  'x'  # note\n")).isEqualTo(Optional.of("x"));
        for (String notALiteral : List.of("x", "'open", "'a' + 'b'", "\n  'indented'")) {
            assertThat(PythonText.evalStringLiteral(notALiteral)).as(notALiteral).isEmpty();
        }
    }
}
