package io.llmopt.core.http;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.Sampling;
import io.llmopt.core.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The small test requests that tell whether an endpoint honours {@code n}, {@code seed} and a
 * sampling field. Each is a one-line prompt at temperature 1 with a few tokens at most, in the
 * form the model speaks (chat message or raw prompt), so a probe costs a few dozen tokens.
 *
 * <ul>
 *   <li>{@code n}: one request with n=2; two choices is {@link Support#HONOURED}, one
 *       {@link Support#IGNORED}.</li>
 *   <li>{@code seed}: three requests, two with one seed and one with another. The same seed giving
 *       the same text and the other seed another is HONOURED; the same seed giving different texts
 *       is IGNORED; three equal texts say nothing (the model does not vary its answer to the probe,
 *       so a seed has nothing to fix) and stay {@link Support#UNKNOWN}. A server whose seed is
 *       best effort (OpenAI) can read as IGNORED now and then: the result only decides a warning.</li>
 *   <li>a sampling field: one request carrying only that field with the value configured. A 4xx is
 *       {@link Support#REFUSED}. Accepted, {@code logprobs} is HONOURED when the reply carries
 *       log-probabilities and IGNORED when not; the other fields change the distribution, which one
 *       short sample cannot show, so they are {@link Support#ACCEPTED} and the server family's
 *       known behaviour ({@link ServerFamily}) decides whether a warning says they are ignored.</li>
 * </ul>
 * A probe that fails otherwise (time-out, 5xx, 401) is UNKNOWN and says nothing.
 */
final class CapabilityProbe {

    /** Sends one request asking for {@code n} choices, with no retry and no cache. */
    interface Sender {
        CompletableFuture<ChatResponse> send(ChatRequest request, int n);
    }

    /** A probe's result, the tokens it was billed, and what the server said when it refused. */
    record Outcome(Support support, TokenUsage cost, String detail) {
        static Outcome of(Support support) {
            return new Outcome(support, TokenUsage.ZERO, null);
        }
    }

    static final long SEED = 4_242L;
    static final long OTHER_SEED = 4_243L;
    private static final String CHAT_PROMPT = "Write one random English word.";
    private static final String RAW_PROMPT = "A random English word:";

    private final Sender sender;

    CapabilityProbe(Sender sender) {
        this.sender = sender;
    }

    CompletableFuture<Outcome> n(boolean raw) {
        return sender.send(base(raw, 4).n(2).build(), 2).handle((response, error) -> {
            if (error != null) {
                return failed(error);
            }
            return new Outcome(response.completions().size() >= 2 ? Support.HONOURED : Support.IGNORED, response.usage(), null);
        });
    }

    CompletableFuture<Outcome> seed(boolean raw) {
        List<CompletableFuture<ChatResponse>> calls = List.of(
                sender.send(base(raw, 12).seed(SEED).build(), 1),
                sender.send(base(raw, 12).seed(SEED).build(), 1),
                sender.send(base(raw, 12).seed(OTHER_SEED).build(), 1));
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            TokenUsage cost = TokenUsage.ZERO;
            for (CompletableFuture<ChatResponse> call : calls) {
                if (!call.isCompletedExceptionally()) {
                    cost = cost.plus(call.join().usage());
                }
            }
            if (error != null) {
                Outcome failure = failed(error);
                return new Outcome(failure.support(), cost, failure.detail());
            }
            String first = calls.get(0).join().text();
            String again = calls.get(1).join().text();
            String other = calls.get(2).join().text();
            Support support = !first.equals(again) ? Support.IGNORED
                    : !first.equals(other) ? Support.HONOURED : Support.UNKNOWN;
            return new Outcome(support, cost, null);
        });
    }

    /** Probes {@code field} (a wire name) with the value {@code sampling} gives it. */
    CompletableFuture<Outcome> field(boolean raw, String field, Sampling sampling) {
        Sampling one = sampling.only(field);
        // vLLM refuses min_tokens above max_tokens
        int maxTokens = one.minTokens() != null ? Math.max(1, one.minTokens()) : 1;
        return sender.send(base(raw, maxTokens).sampling(one).build(), 1).handle((response, error) -> {
            if (error != null) {
                return failed(error);
            }
            Support support = !"logprobs".equals(field) ? Support.ACCEPTED
                    : response.completions().stream().anyMatch(c -> c.hasLogprobs()) ? Support.HONOURED : Support.IGNORED;
            return new Outcome(support, response.usage(), null);
        });
    }

    private static ChatRequest.Builder base(boolean raw, int maxTokens) {
        ChatRequest.Builder b = ChatRequest.builder().temperature(1.0).maxTokens(maxTokens);
        return raw ? b.rawPrompt(RAW_PROMPT) : b.user(CHAT_PROMPT);
    }

    private static Outcome failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof LlmException e && e.kind() == LlmException.Kind.BAD_REQUEST) {
            return new Outcome(Support.REFUSED, TokenUsage.ZERO, serverWords(e));
        }
        return Outcome.of(Support.UNKNOWN);
    }

    /** The server's own words from a refusal's message ("HTTP 400: ..."), without the client's advice. */
    private static String serverWords(LlmException e) {
        String m = e.getMessage();
        int from = m.indexOf("HTTP ");
        String advice = " - " + e.kind().advice();
        int to = m.endsWith(advice) ? m.length() - advice.length() : m.length();
        return from >= 0 && from < to ? m.substring(from, to) : m;
    }
}
