package io.llmopt.core.llm;

import java.util.List;
import java.util.Objects;

/**
 * One generated token and its log-probability, as the server reported it when the request asked
 * for {@code logprobs} ({@link Sampling#logprobs()}), with the most likely alternatives at that
 * position (as many as asked for; their own alternatives are always empty).
 *
 * @param token        the token's text, as the server spells it
 * @param logprob      its natural log-probability (0 or below)
 * @param alternatives the top tokens at this position, most likely first
 */
public record TokenLogprob(String token, double logprob, List<TokenLogprob> alternatives) {

    public TokenLogprob {
        Objects.requireNonNull(token, "token");
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A token without alternatives. */
    public TokenLogprob(String token, double logprob) {
        this(token, logprob, List.of());
    }
}
