package io.llmopt.core.text;

import java.util.List;

/**
 * RFC 4180 CSV, the one writer behind every table llmopt exports (a run's store tables, an OPRO
 * run's candidates): a field with a comma, quote or line break is quoted with quotes doubled; so
 * is an empty text and one with leading or trailing spaces, so that spreadsheets and pandas read
 * back exactly the text (an empty field stays empty text, not a missing value). A null field is
 * left empty.
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

    /** One field as it appears in a row. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                || !s.strip().equals(s)) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
