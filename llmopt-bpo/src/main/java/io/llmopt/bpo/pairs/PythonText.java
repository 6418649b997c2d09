package io.llmopt.bpo.pairs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few Python string behaviours the reference's post-processing relies on, reproduced so that
 * parsing and filtering give the same pairs: {@code str.strip()}, {@code str.split()} and
 * {@code eval()} of a reply that is a quoted string literal.
 */
public final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one char (Java's isWhitespace misses NBSP and friends). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    /** {@code str.strip()}. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code str.split()} with no argument: runs of whitespace separate words. */
    public static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /**
     * The value of {@code eval(text)} when text is one or more adjacent Python string literals
     * (single, double or triple quoted, optionally {@code r}/{@code u} prefixed), or empty when
     * eval would fail or give something that is not a string. Follows eval's layout rules: leading
     * spaces and tabs and blank lines are allowed, an indented literal line is not; a trailing
     * comment is allowed.
     */
    public static Optional<String> evalStringLiteral(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        // Skip blank lines; the first non-blank line must start in column 0.
        while (true) {
            int lineEnd = i;
            while (lineEnd < n && (text.charAt(lineEnd) == ' ' || text.charAt(lineEnd) == '\t' || text.charAt(lineEnd) == '\f')) {
                lineEnd++;
            }
            if (lineEnd < n && (text.charAt(lineEnd) == '\n' || text.charAt(lineEnd) == '\r')) {
                i = lineEnd + 1;
                continue;
            }
            if (lineEnd != i) {
                return Optional.empty(); // indented first line
            }
            break;
        }
        StringBuilder value = new StringBuilder();
        int literals = 0;
        while (i < n) {
            int next = readLiteral(text, i, value);
            if (next < 0) {
                break;
            }
            literals++;
            i = next;
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }
        if (literals == 0) {
            return Optional.empty();
        }
        if (i < n && text.charAt(i) == '#') {
            while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
        }
        while (i < n && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return i == n ? Optional.of(value.toString()) : Optional.empty();
    }

    /** Reads one literal at {@code start} into {@code out}; returns the index after it, or -1. */
    private static int readLiteral(String s, int start, StringBuilder out) {
        int i = start;
        boolean raw = false;
        if (i < s.length() && "rRuU".indexOf(s.charAt(i)) >= 0) {
            raw = s.charAt(i) == 'r' || s.charAt(i) == 'R';
            i++;
        }
        if (i >= s.length() || (s.charAt(i) != '"' && s.charAt(i) != '\'')) {
            return -1;
        }
        char quote = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
        i += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), i))) {
                out.append(value);
                return i + (triple ? 3 : 1);
            }
            if (!triple && (c == '\n' || c == '\r')) {
                return -1; // an unterminated single-line literal is a SyntaxError
            }
            if (c == '\\' && i + 1 < s.length()) {
                if (raw) {
                    value.append(c).append(s.charAt(i + 1));
                    i += 2;
                } else {
                    i = unescape(s, i, value);
                    if (i < 0) {
                        return -1;
                    }
                }
                continue;
            }
            value.append(c);
            i++;
        }
        return -1;
    }

    /** Decodes the escape at {@code s[i] == '\\'}; returns the index after it, or -1 if invalid. */
    private static int unescape(String s, int i, StringBuilder out) {
        char e = s.charAt(i + 1);
        switch (e) {
            case '\n' -> { return i + 2; } // line continuation
            case '\\', '\'', '"' -> out.append(e);
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000B');
            case 'x', 'u', 'U' -> {
                int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + 2 + digits > s.length()) {
                    return -1;
                }
                try {
                    out.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + digits), 16));
                } catch (IllegalArgumentException bad) {
                    return -1;
                }
                return i + 2 + digits;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int code = 0;
                    while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        code = code * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    out.append((char) code);
                    return j;
                }
                out.append('\\').append(e); // Python keeps unknown escapes as written
            }
        }
        return i + 2;
    }
}
