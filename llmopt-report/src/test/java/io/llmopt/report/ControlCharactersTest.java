package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    private static final String HOSTILE = "a\u0000b \u001b[31mred\u001b[0m\rover\u007f\tend\n";

    @Test
    void htmlShowsControlCharactersAsPicturesAndKeepsNewlinesAndTabs() {
        assertThat(Html.escape(HOSTILE)).isEqualTo("a\u2400b \u241b[31mred\u241b[0m\u240dover\u2421\tend\n");
    }

    @Test
    void markdownCellsAndFencesCarryNoRawControlCharacter() {
        assertThat(Markdown.cell(HOSTILE)).isEqualTo("a\u2400b \u241b[31mred\u241b[0m\u240dover\u2421\tend ⏎ ");
        assertThat(Markdown.cell("one\r\ntwo")).isEqualTo("one ⏎ two");
        assertThat(Markdown.fenced(HOSTILE)).doesNotContain("\u0000", "\u001b", "\r").contains("\u241b[31m");
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String plain = "nothing to see\n\there";
        assertThat(ControlCharacters.visible(plain)).isSameAs(plain);
    }
}
