package io.llmopt.opro.numeric;

/** Whether lower or higher objective values are better. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** True when {@code candidate} is strictly better than {@code incumbent}. */
    public boolean isBetter(double candidate, double incumbent) {
        return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
    }

    /** The word used in meta-prompts and reports: "minimize" or "maximize". */
    public String verb() {
        return this == MINIMIZE ? "minimize" : "maximize";
    }

    /** Reads "minimize"/"min"/"maximize"/"max" (any case), as written in search-space files. */
    public static Direction parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "minimize", "min" -> MINIMIZE;
            case "maximize", "max" -> MAXIMIZE;
            default -> throw new IllegalArgumentException("direction must be minimize or maximize, got '" + text + "'");
        };
    }
}
