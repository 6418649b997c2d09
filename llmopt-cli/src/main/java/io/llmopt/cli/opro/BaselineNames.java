package io.llmopt.cli.opro;

import io.llmopt.opro.numeric.blackbox.Baseline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The option names of the baselines: random, nelder-mead, cma-es. */
final class BaselineNames {

    private BaselineNames() {
    }

    static String of(Baseline baseline) {
        return switch (baseline) {
            case RANDOM_SEARCH -> "random";
            case NELDER_MEAD -> "nelder-mead";
            case CMA_ES -> "cma-es";
        };
    }

    /** Parses a comma-separated list; "none" or an empty list means no baseline. */
    static List<Baseline> parse(String list) {
        List<Baseline> baselines = new ArrayList<>();
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("none")) {
                continue;
            }
            Baseline match = null;
            for (Baseline b : Baseline.values()) {
                if (of(b).equals(name)) {
                    match = b;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("--baselines: unknown baseline '" + part.trim()
                        + "'; choose from random, nelder-mead, cma-es (comma-separated) or none");
            }
            if (!baselines.contains(match)) {
                baselines.add(match);
            }
        }
        return baselines;
    }
}
