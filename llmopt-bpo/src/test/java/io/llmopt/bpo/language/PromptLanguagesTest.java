package io.llmopt.bpo.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptLanguagesTest {

    private final PromptLanguages languages = PromptLanguages.defaults();

    @Test
    void promptsAsUsersWriteThemAreTold() {
        assertThat(languages.of("How do I make a good cup of coffee at home?")).contains("en");
        assertThat(languages.of("请解释一下量子计算的基本原理")).contains("zh");
        assertThat(languages.of("東京でおすすめの観光地を教えてください")).contains("ja");
        assertThat(languages.of("Wie kann ich mein Fahrrad im Winter richtig pflegen?")).contains("de");
        assertThat(languages.of("ما هي أفضل طريقة لتعلم البرمجة؟")).contains("ar");
        assertThat(languages.of("¿Cuál es la capital de Australia y por qué?")).contains("es");
    }

    @Test
    void aTextThatDoesNotTellHasNoLanguage() {
        assertThat(languages.of("42")).isEmpty();
        assertThat(languages.of("")).isEmpty();
        assertThat(languages.switched("2 + 2 = ?", "What is 2 + 2?")).isFalse();
    }

    @Test
    void aSwitchIsARewriteInAnotherClearLanguage() {
        assertThat(languages.switched("请解释一下量子计算的基本原理", "Please explain the basic principles of quantum computing.")).isTrue();
        assertThat(languages.switched("请解释一下量子计算的基本原理", "请用通俗易懂的语言详细解释量子计算的基本原理。")).isFalse();
        assertThat(PromptLanguages.name("zh")).isEqualTo("Chinese");
    }
}
