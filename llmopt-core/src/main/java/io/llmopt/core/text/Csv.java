package io.llmopt.core.text;

import java.util.List;

/**
 * RFC 4180 CSV, the one writer behind every table llmopt exports (a run's store tables, an OPRO
 * run's candidates): a field with a comma, quote or line break is quoted with quotes doubled; so
 * is an empty text and one with leading or trailing spaces, so that spreadsheets and pandas read
 * back exactly the text (an empty field stays empty text, not a missing value). A null field is
 * left empty. A text that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is run as a formula by Excel, LibreOffice and Google Sheets; instructions and model outputs
 * are untrusted, so such a text gets a leading apostrophe, as OWASP advises against CSV injection.
 */
public final class Csv {

    private Csv() {
    }

    /** One row, fields separated by commas, ended by CRLF. */
    public static String row(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** {@code text} made inert for a spreadsheet (not yet quoted); null and empty stay as they are. */
    public static String inert(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + text;
        }
        return text;
    }

    /** One field as it appears in a row. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        // numbers stay numbers (a negative score is not a formula); any text may come from a model
        String s = value instanceof Number ? value.toString() : inert(value.toString());
        if (s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                || !s.strip().equals(s)) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
