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
    public static final String BPO_EVAL = "bpo-eval";
    public static final String BPO_PAIRS = "bpo-pairs";

    /** Work-item kind holding the text of an OPRO run's examples: key = example id, payload {split, question, target}. */
    public static final String OPRO_EXAMPLE_ITEM = "opro.example";

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
