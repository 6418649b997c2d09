package io.llmopt.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimTokensTest {

    @Test
    void countsWordsAndSinglePunctuation() {
        assertThat(SimTokens.count("Hello, world!")).isEqualTo(4);
        assertThat(SimTokens.count("x = 3.5")).isEqualTo(5);
        assertThat(SimTokens.count("snake_case ümlaut 42")).isEqualTo(3);
        assertThat(SimTokens.count("   ")).isZero();
        assertThat(SimTokens.count("")).isZero();
        assertThat(SimTokens.count(null)).isZero();
    }

    @Test
    void truncateKeepsThePrefixEndingAfterTheLastKeptToken() {
        assertThat(SimTokens.truncate("one two, three four", 3)).isEqualTo("one two,");
        assertThat(SimTokens.truncate("one two", 2)).isEqualTo("one two");
        assertThat(SimTokens.truncate("one two  ", 2)).isEqualTo("one two  ");
        assertThat(SimTokens.truncate("one two", 5)).isEqualTo("one two");
        assertThat(SimTokens.truncate("one two", 0)).isEmpty();
    }
}
