package io.llmopt.report;

/**
 * Makes control characters in model text visible instead of raw: a NUL or an ANSI escape in a
 * report would break a Markdown viewer or a terminal that prints the file, and a bare carriage
 * return overwrites the line it is on. Each becomes its Unicode "control picture" (␀, ␛, ␍), so a
 * reader still sees that the model sent one. Newline and tab stay as they are.
 */
final class ControlCharacters {

    private static final char PICTURES = '\u2400';
    private static final char DELETE_PICTURE = '\u2421';

    private ControlCharacters() {
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
    }

    /** The visible stand-in of a control character. */
    static char picture(char c) {
        return c == 0x7f ? DELETE_PICTURE : (char) (PICTURES + c);
    }

    static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(picture(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
