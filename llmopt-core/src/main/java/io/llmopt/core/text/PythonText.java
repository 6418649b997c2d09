package io.llmopt.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Python 3 string behaviours that reference implementations rely on, reproduced so a Java port
 * decides exactly as the reference does where Java differs: Python's whitespace set includes
 * U+00A0, U+0085, U+2007 and U+202F (Java's {@code strip()} and {@code isWhitespace} miss them),
 * {@code split(sep)} keeps empty parts, {@code isalpha()} is false for the empty string, lengths
 * count code points, and {@code eval()} of a quoted string literal. One helper for every module
 * (OPRO's data loaders and graders, BPO's pair parsing), so the behaviours cannot drift apart.
 */
public final class PythonText {

    /** Python's {@code string.punctuation}. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680,
                    0x2028, 0x2029, 0x202f, 0x205f, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200a;
        };
    }

    /** {@code str.strip()}. */
    public static String strip(String s) {
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
    public static String strip(String s, String chars) {
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

    /** {@code len(s)}: code points, not UTF-16 units. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code str.lower()}. */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.split(sep)[0]}: the text before the first {@code sep}. */
    public static String before(String s, String sep) {
        int i = s.indexOf(sep);
        return i < 0 ? s : s.substring(0, i);
    }

    /** {@code s.split(sep)[-1]}: the text after the last {@code sep}. */
    public static String afterLast(String s, String sep) {
        int i = s.lastIndexOf(sep);
        return i < 0 ? s : s.substring(i + sep.length());
    }

    /** {@code s.split(sep)} with a literal separator, empty parts kept. */
    public static List<String> split(String s, String sep) {
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

    /** {@code str.split()} with no argument: runs of whitespace separate words, no empty words. */
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
     * {@code str.isdigit()} for one code point: decimal digits plus the digit-valued other numbers
     * (superscripts, circled digits); fractions such as ½ are not digits.
     */
    public static boolean isDigit(int cp) {
        if (Character.isDigit(cp)) {
            return true;
        }
        if (Character.getType(cp) == Character.OTHER_NUMBER) {
            int value = Character.getNumericValue(cp);
            return value >= 0 && value <= 9;
        }
        return false;
    }

    /** {@code str.isalpha()}: non-empty and every code point a letter. */
    public static boolean isAlpha(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
    }

    /** Removes every character of {@link #PUNCTUATION}. */
    public static String removePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
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
