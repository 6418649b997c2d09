package io.llmopt.report;

/** Markdown helpers: model text must not break a table row nor turn into markup or raw HTML. */
final class Markdown {

    private Markdown() {
    }

    /** Text for one table cell: one line, pipes escaped, HTML-sensitive characters escaped. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r\n", "\n").replace("\n", " ⏎ ");
        return Html.escape(oneLine).replace("|", "\\|");
    }

    /**
     * A fenced block long enough that no backtick run inside the text can close it; control
     * characters are made visible (see {@link ControlCharacters}).
     */
    static String fenced(String text) {
        String body = text == null ? "" : ControlCharacters.visible(text.replace("\r\n", "\n"));
        int longest = 0;
        int run = 0;
        for (char c : body.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
