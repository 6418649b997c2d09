package io.llmopt.opro.data;

/**
 * Python's {@code str} semantics where the reference's text handling depends on them and Java's differ:
 * {@code strip()} removes every character for which {@code str.isspace()} is true (Java's
 * {@code String.strip()} keeps U+00A0, U+2007 and U+202F), and lengths and first letters count
 * code points, not UTF-16 units.
 */
public final class PythonStrings {
    private PythonStrings() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case ' ', '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x1680,
                 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Python's {@code s.strip()}. */
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

    /** Python's {@code len(s)}. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Python's {@code str.isdigit()} for one code point: decimal digits plus the digit-valued
     * other numbers (superscripts, circled digits); fractions such as ½ are not digits.
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
}
