package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.report.WordDiff.Kind;
import io.llmopt.report.WordDiff.Segment;
import org.junit.jupiter.api.Test;

class WordDiffTest {

    @Test
    void keepsTheLongestCommonSubsequenceOfWords() {
        assertThat(WordDiff.diff("write a poem about the sea", "write a short rhyming poem about the open sea")).containsExactly(
                new Segment(Kind.EQUAL, "write a"), new Segment(Kind.INSERT, "short rhyming"),
                new Segment(Kind.EQUAL, "poem about the"), new Segment(Kind.INSERT, "open"), new Segment(Kind.EQUAL, "sea"));
    }

    @Test
    void replacementsAreADeleteAndAnInsertAndWhitespaceIsNotCompared() {
        assertThat(WordDiff.diff("fix  the\nbug", "fix the error")).containsExactly(
                new Segment(Kind.EQUAL, "fix the"), new Segment(Kind.INSERT, "error"), new Segment(Kind.DELETE, "bug"));
        assertThat(WordDiff.diff(null, "new")).containsExactly(new Segment(Kind.INSERT, "new"));
        assertThat(WordDiff.diff("same words", "same words")).containsExactly(new Segment(Kind.EQUAL, "same words"));
    }

    @Test
    void htmlEscapesEveryWord() {
        String html = WordDiff.toHtml(WordDiff.diff("say <b>hi</b>", "say <script>x</script>"));
        assertThat(html).isEqualTo("say <ins>&lt;script&gt;x&lt;/script&gt;</ins> <del>&lt;b&gt;hi&lt;/b&gt;</del>");
    }

    @Test
    void veryLongTextsFallBackToReplaceAll() {
        String longText = "w ".repeat(WordDiff.MAX_WORDS + 1);
        assertThat(WordDiff.diff(longText, "w")).extracting(Segment::kind).containsExactly(Kind.DELETE, Kind.INSERT);
    }
}
