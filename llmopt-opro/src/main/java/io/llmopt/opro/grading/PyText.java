package io.llmopt.opro.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * String operations with Python 3 semantics, so the reference mode decides exactly as the
 * reference does: Python's whitespace set differs from Java's (it includes U+00A0, U+0085 and
 * U+200x), {@code str.isalpha} is false for the empty string, and {@code split} keeps empty parts.
 */
final class PyText {

    /** Python's {@code string.punctuation}. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PyText() {
    }

    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680,
                    0x2028, 0x2029, 0x202f, 0x205f, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200a;
        };
    }

    /** {@code str.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** {@code str.strip(chars)}. */
    static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code str.lower()}. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.split(sep)[0]}: the text before the first {@code sep}. */
    static String before(String s, String sep) {
        int i = s.indexOf(sep);
        return i < 0 ? s : s.substring(0, i);
    }

    /** {@code s.split(sep)[-1]}: the text after the last {@code sep}. */
    static String afterLast(String s, String sep) {
        int i = s.lastIndexOf(sep);
        return i < 0 ? s : s.substring(i + sep.length());
    }

    /** {@code s.split(sep)} with a literal separator, empty parts kept. */
    static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int i;
        while ((i = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, i));
            from = i + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** {@code str.isalpha()}: non-empty and every code point a letter. */
    static boolean isAlpha(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
    }

    /** Removes every character of {@link #PUNCTUATION}. */
    static String removePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
