package io.llmopt.core.report;

import java.util.Set;

/** The run kinds the reports know; a run of another kind still gets the common sections. */
public final class RunKinds {

    public static final String OPRO_PROMPT = "opro-prompt";
    public static final String OPRO_LINREG = "opro-linreg";
    public static final String OPRO_TSP = "opro-tsp";
    public static final String OPRO_OPTIMIZE = "opro-optimize";
    /** Instructions scored with several scorer models and data sets; its summary holds the matrix under "transfer". */
    public static final String OPRO_TRANSFER = "opro-transfer";
    /** A grid of opro-prompt runs tagged as one sweep; the sweep's own run holds the grid, not model calls. */
    public static final String OPRO_SWEEP = "opro-sweep";
    public static final String BPO_EVAL = "bpo-eval";
    public static final String BPO_PAIRS = "bpo-pairs";

    /** Work-item kind holding the text of an OPRO run's examples: key = example id, payload {split, question, target}. */
    public static final String OPRO_EXAMPLE_ITEM = "opro.example";

    /**
     * Work-item kind of an {@link #OPRO_SWEEP} run, one per grid cell: key = the cell's key, payload
     * {@code {"run_id", "setting", "label", "repetition", "values"}}, status pending until the cell's
     * opro-prompt run completed, then done. The cell's run carries the sweep's id in its
     * configuration ({@code "sweep": {"id", "cell", ...}}).
     */
    public static final String OPRO_SWEEP_CELL_ITEM = "opro.sweep-cell";

    private static final Set<String> NUMERIC = Set.of(OPRO_LINREG, OPRO_TSP, OPRO_OPTIMIZE);
    private static final Set<String> BPO = Set.of(BPO_EVAL, BPO_PAIRS);

    private RunKinds() {
    }

    public static boolean isNumeric(String kind) {
        return NUMERIC.contains(kind);
    }

    public static boolean isBpo(String kind) {
        return BPO.contains(kind);
    }
}
