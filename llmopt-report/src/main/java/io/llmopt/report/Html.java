package io.llmopt.report;

/**
 * HTML escaping for every piece of text that comes from a data set, a model or a user: the report
 * is opened from disk in a browser, so unescaped model output would run as script there.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for an element's content or a quoted attribute value; null gives "". Control
     * characters (NUL, ESC, a bare CR) are shown as their control pictures: HTML cannot carry them.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ControlCharacters.isControl(c) ? ControlCharacters.picture(c) : c);
            }
        }
        return out.toString();
    }
}
