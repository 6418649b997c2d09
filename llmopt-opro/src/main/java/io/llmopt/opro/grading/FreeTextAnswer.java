package io.llmopt.opro.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reading of free-text answers that the task's input makes checkable: a word list to sort
 * (word_sorting: "List: ...") and a bracket sequence to close (dyck_languages: "Input: ...").
 */
final class FreeTextAnswer {

    private static final Pattern WORD_LIST = Pattern.compile("(?i)\\bList:\\s*(.+)");
    private static final Pattern OPEN_SEQUENCE = Pattern.compile("\\bInput:\\s*(.+)");
    private static final Pattern TOKEN = Pattern.compile("[^\\s,;\"'`*]+");

    private FreeTextAnswer() {
    }

    /**
     * For a word-sorting input, the answer as the last longest run of the listed words in the output,
     * so lead-ins and tails ("The sorted result is ... and that is all"), commas, numbering and bullets
     * fall away while a missing or an extra listed word still counts; null when the input has no list.
     */
    static String fromInput(String output, String input) {
        Matcher list = input == null ? null : WORD_LIST.matcher(input);
        if (list == null || !list.find()) {
            return null;
        }
        Set<String> listed = new HashSet<>();
        for (String word : list.group(1).strip().split("\\s+")) {
            listed.add(word.toLowerCase(Locale.ROOT));
        }
        List<String> best = List.of();
        List<String> run = new ArrayList<>();
        Matcher token = TOKEN.matcher(output.toLowerCase(Locale.ROOT));
        while (token.find()) {
            String word = trimDot(token.group());
            if (listed.contains(word)) {
                run.add(word);
                if (run.size() >= best.size()) {
                    best = List.copyOf(run);
                }
            } else if (!isListMarker(word)) {
                run.clear();
            }
        }
        return String.join(" ", best);
    }

    /** "1." "2)" "-" "•": numbering and bullets between listed words do not end a run. */
    private static boolean isListMarker(String token) {
        return token.matches("\\d+[.)]?|[-\u2022]|");
    }

    private static String trimDot(String token) {
        String t = token;
        while (t.endsWith(".") || t.endsWith(":")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The bracket characters of a text, in order: spacing, words and quotes around them do not count. */
    static String symbols(String text) {
        return text.replaceAll("[^()\\[\\]{}<>]", "");
    }

    /** Decided: a dyck_languages answer that repeats the open sequence before closing it is correct. */
    static boolean isWholeSequence(String answer, String target, String input) {
        Matcher open = input == null ? null : OPEN_SEQUENCE.matcher(input);
        if (open == null || !open.find() || symbols(target).isEmpty()) {
            return false;
        }
        return symbols(answer).equals(symbols(open.group(1)) + symbols(target));
    }
}
