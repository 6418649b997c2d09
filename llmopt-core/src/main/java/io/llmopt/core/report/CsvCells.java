package io.llmopt.core.report;

/**
 * Text cells for CSV files a spreadsheet may open. A cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is run as a formula by Excel, LibreOffice and
 * Google Sheets; instructions and model outputs are untrusted text, so such a cell gets a leading
 * apostrophe, as OWASP advises against CSV injection. Numbers are written by the caller as numbers
 * and never pass through here, so a negative score stays a number.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** {@code text} made inert for a spreadsheet (not yet quoted for CSV); null stays null. */
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
}
