package io.llmopt.opro.numeric;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads numbers the way the reference scripts' {@code float(s)} / {@code int(s)} do, so parsers
 * accept exactly what the reference accepts ("1e1", "+5", ".5", "1_000", "inf") and reject what it
 * rejects; {@link Double#parseDouble} differs ("1d", "0x1p3", "Infinity").
 */
public final class PythonNumbers {

    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern INT = Pattern.compile("[+-]?\\d(?:_?\\d)*");

    private PythonNumbers() {
    }

    /** Python's {@code float(text)}: empty when it would raise ValueError. */
    public static OptionalDouble parseFloat(String text) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(sign * Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (!FLOAT.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(s.replace("_", "")));
    }

    /** Python's {@code int(text)} for values that fit a long: null when it would raise. */
    public static Long parseInt(String text) {
        String s = text.strip();
        if (!INT.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.replace("_", "").replace("+", ""));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
