package io.llmopt.sim;

/** Computes the text of one choice of a simulated completion. */
@FunctionalInterface
public interface ReplyFunction {

    /**
     * The text of choice {@code sampleIndex} (0-based, below the request's {@code n}) of the reply
     * to {@code request}, before stop strings and max_tokens are applied.
     */
    String reply(SimRequest request, int sampleIndex);
}
