package io.llmopt.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopMatcherTest {

    @Test
    void finds_a_stop_string_split_across_pieces_and_cuts_before_it() {
        StopMatcher m = new StopMatcher(List.of("\n\nQ:"));

        assertThat(m.append("answer 42\n")).isFalse();
        assertThat(m.append("\nQ")).isFalse();
        assertThat(m.append(": next")).isTrue();
        assertThat(m.text()).isEqualTo("answer 42");
    }

    @Test
    void the_earliest_of_several_stop_strings_wins() {
        StopMatcher m = new StopMatcher(List.of("END", "x"));

        assertThat(m.append("abcxyzEND")).isTrue();
        assertThat(m.text()).isEqualTo("abc");
    }

    @Test
    void without_stop_strings_the_text_accumulates() {
        StopMatcher m = new StopMatcher(List.of());

        m.append("a");
        m.append("b");

        assertThat(m.stopped()).isFalse();
        assertThat(m.text()).isEqualTo("ab");
    }
}
