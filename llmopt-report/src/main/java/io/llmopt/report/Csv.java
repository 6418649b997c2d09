package io.llmopt.report;

import io.llmopt.core.report.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV rows: fields with a comma, quote or line break are quoted, quotes doubled; text that a
 * spreadsheet would run as a formula is made inert ({@link CsvCells}).
 */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void row(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        // numbers stay numbers; any text may come from a model or a data set
        String s = value instanceof Number ? value.toString() : CsvCells.inert(value.toString());
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
