package io.llmopt.opro.grading;

import io.llmopt.core.text.PythonText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Python's {@code float(s)} acceptance and {@code '{:.Nf}'.format(round(x, N))} formatting.
 *
 * <p>Java's {@code Double.parseDouble} accepts things Python rejects ({@code 1d}, hex floats) and
 * rejects things Python accepts ({@code 1_000}, {@code infinity}, non-ASCII digits), so the
 * reference mode cannot use it directly.
 */
final class PythonFloat {

    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern FINITE = Pattern.compile(
            "[+-]?(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PythonFloat() {
    }

    /** Whether Python's {@code float(s)} succeeds. */
    static boolean isFloat(String s) {
        String t = PythonText.strip(s);
        return FINITE.matcher(t).matches() || SPECIAL.matcher(t).matches();
    }

    /** Python's {@code float(s)}; call only when {@link #isFloat} holds. */
    static double parse(String s) {
        String t = PythonText.strip(s);
        if (SPECIAL.matcher(t).matches()) {
            boolean negative = t.startsWith("-");
            if (PythonText.lower(t).endsWith("nan")) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        StringBuilder ascii = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> {
            if (cp == '_') {
                return;
            }
            int digit = Character.digit(cp, 10);
            if (Character.isDigit(cp) && digit >= 0) {
                ascii.append((char) ('0' + digit));
            } else {
                ascii.appendCodePoint(cp);
            }
        });
        return Double.parseDouble(ascii.toString());
    }

    /** {@code '{:.{n}f}'.format(round(x, n))}: half-to-even on the exact binary value, as Python does. */
    static String roundAndFormat(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN);
        String text = rounded.toPlainString();
        boolean negativeZero = rounded.signum() == 0 && (x < 0 || 1 / x < 0);
        return negativeZero ? "-" + text : text;
    }
}
