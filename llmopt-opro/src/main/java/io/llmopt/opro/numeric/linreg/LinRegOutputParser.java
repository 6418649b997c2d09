package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.numeric.PythonNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a (w, b) proposal from an optimizer output as the reference does: take the last
 * {@code [...]} on one line that is not the literal placeholder (brackets holding "w" or "b"
 * without "="), split it at commas, drop any {@code w=}/{@code b=} prefix, and read two numbers;
 * then round each half-to-even to an integer, as {@code np.round(v, 0)} does.
 *
 * <p>Two deliberate differences from the reference, both where it would crash or misbehave:
 * non-finite numbers ("nan", "inf") and magnitudes beyond 2^53 are rejected.
 */
public final class LinRegOutputParser {

    public static final String NO_PAIR = "no [w, b] pair found";
    public static final String NOT_A_NUMBER = "unparsable number";
    public static final String WRONG_ARITY = "expected two numbers";
    public static final String NOT_FINITE = "non-finite number";
    public static final String TOO_LARGE = "number too large";

    // Python's "." excludes only "\n"; Java's "." also excludes "\r" and Unicode line separators.
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\n]*?\\]");
    private static final double MAX_MAGNITUDE = 0x1p53;

    private LinRegOutputParser() {
    }

    public static Parsed<WbPair> parse(String output) {
        String inner = lastPair(output);
        if (inner.isEmpty()) {
            return Parsed.rejected(NO_PAIR, "");
        }
        List<Double> values = new ArrayList<>();
        for (String item : inner.split(",", -1)) {
            int eq = item.indexOf('=');
            String number = eq >= 0 ? item.substring(eq + 1) : item;
            OptionalDouble value = PythonNumbers.parseFloat(number);
            if (value.isEmpty()) {
                return Parsed.rejected(NOT_A_NUMBER, "'" + number.strip() + "' in [" + inner + "]");
            }
            values.add(value.getAsDouble());
        }
        if (values.size() != 2) {
            return Parsed.rejected(WRONG_ARITY, "got " + values.size() + " in [" + inner + "]");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return Parsed.rejected(NOT_FINITE, "[" + inner + "]");
            }
            if (Math.abs(v) >= MAX_MAGNITUDE) {
                return Parsed.rejected(TOO_LARGE, "[" + inner + "]");
            }
        }
        return Parsed.solution(new WbPair((long) Math.rint(values.get(0)), (long) Math.rint(values.get(1))));
    }

    /** The text inside the last usable brackets, or "" (the reference's extract_string_in_square_brackets). */
    static String lastPair(String output) {
        List<String> found = new ArrayList<>();
        Matcher m = BRACKETS.matcher(output);
        while (m.find()) {
            found.add(m.group());
        }
        for (int i = found.size() - 1; i >= 0; i--) {
            String pair = found.get(i);
            if (!pair.contains("=") && (pair.contains("w") || pair.contains("b"))) {
                continue;
            }
            return pair.substring(1, pair.length() - 1);
        }
        return "";
    }
}
