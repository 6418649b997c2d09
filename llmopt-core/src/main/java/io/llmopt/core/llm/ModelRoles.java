package io.llmopt.core.llm;

/**
 * The role names of the configured model stacks. Roles are names, not types: a run asks for
 * "the scorer" and gets a {@link LanguageModel}.
 */
public final class ModelRoles {
    public static final String OPTIMIZER = "optimizer";
    public static final String SCORER = "scorer";
    public static final String JUDGE = "judge";
    public static final String REWRITER = "rewriter";
    public static final String RESPONDER = "responder";

    /** Every role, in the order configurations and reports list them. */
    public static final java.util.List<String> ALL = java.util.List.of(OPTIMIZER, SCORER, JUDGE, REWRITER, RESPONDER);

    private ModelRoles() {
    }
}
