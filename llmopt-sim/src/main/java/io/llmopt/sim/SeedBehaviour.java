package io.llmopt.sim;

/**
 * Whether the simulated server's replies vary from call to call, and whether a request's
 * {@code seed} fixes them: the behaviours a client's seed probe must tell apart. Set with
 * {@link SimulatedLlmServer#seedBehaviour}.
 */
public enum SeedBehaviour {
    /** Replies do not vary: the scripted text, whatever the seed (the default, so tests can predict replies). */
    FIXED,
    /** Each reply ends with a random word; two requests with the same seed get the same word (vLLM, llama.cpp). */
    HONOURED,
    /** Each reply ends with a random word whatever the seed, as on a server that accepts seed and ignores it. */
    IGNORED;

    /** The {@code --seed} option's words (fixed, honoured or ignored), for both command lines that start the server. */
    public static SeedBehaviour parse(String mode) {
        return switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "fixed" -> FIXED;
            case "honoured", "honored" -> HONOURED;
            case "ignored" -> IGNORED;
            default -> throw new IllegalArgumentException("--seed: unknown mode '" + mode + "' (fixed, honoured or ignored)");
        };
    }
}
