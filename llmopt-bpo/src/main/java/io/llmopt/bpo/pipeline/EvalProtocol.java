package io.llmopt.bpo.pipeline;

/**
 * A whole evaluation set-up under one name. {@link #DEFAULT} is llmopt's: both orders judged,
 * reproducible responses at temperature 0. {@link #PAPER} is the reference's, for figures
 * comparable with the paper: the trained rewriter model, responses sampled as its inference script
 * samples them (temperature 0.7, top_p 1.0, up to 2,048 new tokens), one judge call per item in a
 * seeded random order, ties and unreadable verdicts counted as its scoring script counts them.
 */
public enum EvalProtocol {
    DEFAULT,
    PAPER;

    /** The options this protocol starts from; explicit settings are applied on top. */
    public EvalOptions options(long seed, int concurrency) {
        return switch (this) {
            case DEFAULT -> EvalOptions.defaults().withSeed(seed).withConcurrency(concurrency);
            case PAPER -> EvalOptions.defaults().withMethod(JudgeMethod.RANDOM_ORDER).withSeed(seed)
                    .withConcurrency(concurrency).withResponder(ResponderOptions.paper());
        };
    }

    /** The rewriter this protocol uses unless one is named: the paper's trained model, else zero-shot. */
    public String defaultRewriterMethod() {
        return this == PAPER ? "model" : "zero-shot";
    }
}
