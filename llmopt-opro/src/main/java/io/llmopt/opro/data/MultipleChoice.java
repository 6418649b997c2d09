package io.llmopt.opro.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** How the reference shows a multiple-choice question to the scorer (its MMLU format). */
public final class MultipleChoice {
    private MultipleChoice() {
    }

    /**
     * {@code question} + {@code \n(A) text} per option + {@code \nWhat's the answer in (A) (B) ...?}.
     */
    public static String render(String question, Map<String, String> options) {
        StringBuilder text = new StringBuilder(question);
        StringJoiner letters = new StringJoiner(" ");
        options.forEach((letter, option) -> {
            text.append("\n(").append(letter).append(") ").append(option);
            letters.add("(" + letter + ")");
        });
        return text.append("\nWhat's the answer in ").append(letters).append('?').toString();
    }

    /** Options labelled A, B, C, ... in the given order. */
    public static Map<String, String> lettered(Iterable<String> options) {
        Map<String, String> map = new LinkedHashMap<>();
        char letter = 'A';
        for (String option : options) {
            map.put(String.valueOf(letter++), option);
        }
        return map;
    }
}
