package io.llmopt.core.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    @Test
    void toStringIsRedacted() {
        ApiKey key = ApiKey.of("sk-abcdef123456");

        assertThat(key.toString()).doesNotContain("abcdef").contains("redacted");
        assertThat(String.valueOf(java.util.List.of(key))).doesNotContain("abcdef");
        assertThat(key.reveal()).isEqualTo("sk-abcdef123456");
    }

    @Test
    void redactsItselfFromText() {
        ApiKey key = ApiKey.of("sk-abc");

        assertThat(key.redactFrom("Incorrect API key provided: sk-abc.")).isEqualTo("Incorrect API key provided: [redacted].");
    }

    @Test
    void refusesBlankKeysAndNamesMissingVariables() {
        assertThatThrownBy(() -> ApiKey.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKey.fromEnv("LLMOPT_SURELY_UNSET_VARIABLE"))
                .hasMessageContaining("LLMOPT_SURELY_UNSET_VARIABLE");
    }
}
