package io.llmopt.opro.meta;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's float arithmetic where the meta-prompt shows numbers: {@code round(x)} (half to even,
 * on the double as computed, so {@code 0.135 * 100} is 13.5000000000000017 and rounds to 14),
 * {@code round(x, n)} (correctly rounded from the double's exact value), and {@code str(x)}.
 */
public final class PythonFloats {
    private PythonFloats() {
    }

    /** {@code round(x)} for a finite double: the nearest integer, ties to even. */
    public static long round(double x) {
        if (!Double.isFinite(x)) {
            throw new ArithmeticException("cannot round " + x + " to an integer");
        }
        return (long) Math.rint(x);
    }

    /** {@code round(x, digits)}: rounds the exact binary value half to even, as CPython does. */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code str(x)} / {@code repr(x)}: the shortest text that reads back as x, in Python's layout. */
    public static String str(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, like Python's repr.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = x < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
