package io.llmopt.bpo.rewrite;

/**
 * The released BPO model's two sampling settings (reference infer_example.py).
 *
 * <p>{@link #STABLE}: one sample at temperature 0.6, top_p 0.9; "will sometimes maintain the
 * original prompt". {@link #AGGRESSIVE}: five samples at temperature 0.9, top_p 0.9, each cut at
 * {@code [KE}, {@code [INS} and {@code [PRO}; "refines with a higher probability but there may be
 * inappropriate changes". The reference also bans those markers while decoding and ends a sample at
 * the first newline once it is longer than the input: a completions rewriter gets those constraints
 * ({@link ReferenceDecoding}); a chat API cannot express them, so for a chat rewriter the markers
 * are only cut afterwards and newlines are kept.
 */
public enum RewriteMode {
    STABLE(1, 0.6, 0.9),
    AGGRESSIVE(5, 0.9, 0.9);

    private final int samples;
    private final double temperature;
    private final double topP;

    RewriteMode(int samples, double temperature, double topP) {
        this.samples = samples;
        this.temperature = temperature;
        this.topP = topP;
    }

    public int samples() {
        return samples;
    }

    public double temperature() {
        return temperature;
    }

    public double topP() {
        return topP;
    }
}
