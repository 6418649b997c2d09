package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.numeric.PythonNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tour from an optimizer output as the reference does: the text between the first
 * {@code <trace>} and the next {@code </trace>}, split at commas, entries that are not integers
 * skipped; the tour must visit each of the n points once and start at 0. Each way to fail has its
 * own reason so runs can report what models get wrong.
 *
 * <p>One deliberate difference: the reference would accept a negative id (Python indexing wraps
 * it to a point from the end); here it is out of range.
 */
public final class TraceParser {

    public static final String NO_TRACE = "no <trace> block";
    public static final String OUT_OF_RANGE = "out-of-range point";
    public static final String REPEATED = "repeated point";
    public static final String MISSING = "missing point";
    public static final String UNPARSABLE = "unparsable entry";
    public static final String WRONG_START = "does not start at 0";

    private static final String OPEN = "<trace>";
    private static final String CLOSE = "</trace>";

    private TraceParser() {
    }

    public static Parsed<Tour> parse(String output, int n) {
        int open = output.indexOf(OPEN);
        if (open < 0) {
            return Parsed.rejected(NO_TRACE, "");
        }
        String rest = output.substring(open + OPEN.length());
        int close = rest.indexOf(CLOSE);
        if (close < 0) {
            return Parsed.rejected(NO_TRACE, "unterminated <trace>");
        }
        String body = rest.substring(0, close);
        List<Integer> ids = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String item : body.split(",", -1)) {
            Long id = PythonNumbers.parseInt(item);
            if (id == null) {
                skipped.add(item.strip());
                continue;
            }
            if (id < 0 || id >= n) {
                return Parsed.rejected(OUT_OF_RANGE, id + " is not in 0.." + (n - 1));
            }
            ids.add(id.intValue());
        }
        boolean[] seen = new boolean[n];
        for (int id : ids) {
            if (seen[id]) {
                return Parsed.rejected(REPEATED, "point " + id + " appears more than once");
            }
            seen[id] = true;
        }
        if (ids.size() < n) {
            int missing = ids.size();
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    missing = i;
                    break;
                }
            }
            return skipped.isEmpty()
                    ? Parsed.rejected(MISSING, (n - ids.size()) + " points missing, e.g. " + missing)
                    : Parsed.rejected(UNPARSABLE, "'" + skipped.get(0) + "'; " + (n - ids.size()) + " points missing");
        }
        if (ids.get(0) != 0) {
            return Parsed.rejected(WRONG_START, "starts at " + ids.get(0));
        }
        return Parsed.solution(new Tour(ids.stream().mapToInt(Integer::intValue).toArray()));
    }
}
