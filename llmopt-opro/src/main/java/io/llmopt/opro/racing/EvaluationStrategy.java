package io.llmopt.opro.racing;

import java.util.Locale;

/**
 * How a step's candidates are scored on the training split ({@code --evaluation full|racing}).
 *
 * <p>{@link #FULL}, the default, scores every candidate on every training example, as the paper
 * does. {@link #RACING} scores candidates along a shared random example order and stops scoring a
 * candidate once it is shown, at the configured error rate, to fall short of the meta-prompt; every candidate that is not dropped still gets its full-split accuracy.
 */
public enum EvaluationStrategy {
    FULL,
    RACING;

    /** Reads the command-line spelling ({@code full} or {@code racing}, any case). */
    public static EvaluationStrategy parse(String text) {
        String normalized = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (EvaluationStrategy strategy : values()) {
            if (strategy.name().equals(normalized)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown evaluation strategy '" + text + "'; expected full or racing");
    }

    /** The command-line spelling. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
