package io.llmopt.opro.numeric.blackbox;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One named dimension of a {@link SearchSpace}. */
public sealed interface Parameter {

    String name();

    /** Checks a value already typed by JSON (Number, String, ...); empty when acceptable. */
    Optional<String> check(Object value);

    /** How the meta-prompt describes the parameter. */
    String describe();

    /**
     * A number in [min, max]; an integer when {@code integer}; on the grid min + k·step when step is set.
     */
    record Numeric(String name, boolean integer, double min, double max, Double step) implements Parameter {

        public Numeric {
            Objects.requireNonNull(name, "name");
            if (!(min <= max)) {
                throw new IllegalArgumentException("min must not exceed max");
            }
            if (step != null && !(step > 0)) {
                throw new IllegalArgumentException("step must be positive");
            }
        }

        @Override
        public Optional<String> check(Object value) {
            if (!(value instanceof Number number)) {
                return Optional.of("expected a number, got " + describeValue(value));
            }
            double v = number.doubleValue();
            if (!Double.isFinite(v)) {
                return Optional.of("not a finite number");
            }
            if (integer && v != Math.rint(v)) {
                return Optional.of("expected an integer, got " + v);
            }
            if (v < min || v > max) {
                return Optional.of(format(v) + " is outside [" + format(min) + ", " + format(max) + "]");
            }
            if (step != null) {
                double k = (v - min) / step;
                if (Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, Math.abs(k))) {
                    return Optional.of(format(v) + " is not on the grid " + format(min) + " + k*" + format(step));
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            String kind = integer ? "an integer" : "a number";
            String grid = step == null ? "" : " in steps of " + format(step);
            return kind + " between " + format(min) + " and " + format(max) + grid;
        }
    }

    /** One of a fixed list of strings. */
    record Categorical(String name, List<String> choices) implements Parameter {

        public Categorical {
            Objects.requireNonNull(name, "name");
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("choices cannot be empty");
            }
        }

        @Override
        public Optional<String> check(Object value) {
            if (!(value instanceof String s)) {
                return Optional.of("expected one of " + choices + ", got " + describeValue(value));
            }
            return choices.contains(s) ? Optional.empty() : Optional.of("'" + s + "' is not one of " + choices);
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", choices.stream().map(c -> "\"" + c + "\"").toList());
        }
    }

    /** Free text up to {@code maxLength} characters. */
    record Text(String name, int maxLength) implements Parameter {

        public Text {
            Objects.requireNonNull(name, "name");
            if (maxLength < 1) {
                throw new IllegalArgumentException("max_length must be at least 1");
            }
        }

        @Override
        public Optional<String> check(Object value) {
            if (!(value instanceof String s)) {
                return Optional.of("expected text, got " + describeValue(value));
            }
            return s.length() <= maxLength ? Optional.empty()
                    : Optional.of("text of " + s.length() + " characters exceeds " + maxLength);
        }

        @Override
        public String describe() {
            return "free text of at most " + maxLength + " characters";
        }
    }

    /** Numbers without a trailing ".0" and never in scientific notation for everyday magnitudes. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return plain.length() <= 24 ? plain : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String describeValue(Object value) {
        return value == null ? "null" : value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}
