package io.llmopt.core.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed model call, classified so that the retry layer and the user know what to do.
 *
 * <p>Messages name the endpoint and the model and say what to check; they never contain an API key.
 */
public class LlmException extends RuntimeException {

    /** What went wrong, and whether trying again can help. */
    public enum Kind {
        RATE_LIMITED(true, "the server is rate limiting; lower the request rate or wait"),
        SERVER_ERROR(true, "the server failed; it may be overloaded or restarting"),
        TIMEOUT(true, "no answer in time; check the server load or raise the time-out"),
        CONNECTION(true, "could not connect or the connection broke; check the base URL and that the server runs"),
        /**
         * Connection refused or an unknown host at an address that has not answered once since this
         * process started: a typo or a server not started, which waiting would not fix.
         */
        UNREACHABLE(false, "check the base URL and start the server first"),
        MALFORMED_RESPONSE(true, "the server's reply is not a valid chat completion; check the base URL points at an OpenAI-compatible API"),
        BAD_REQUEST(false, "the server refused the request; check the sampling parameters and the prompt length"),
        UNAUTHORIZED(false, "the API key was refused; check the key's environment variable"),
        NOT_FOUND(false, "the model or URL was not found; check the model name and the base URL (it usually ends in /v1)"),
        UNSUPPORTED_REQUEST(false, "the model cannot take this kind of request; see its api setting (chat or completions)"),
        BUDGET_EXCEEDED(false, "the run's budget is spent; raise the budget to continue"),
        CANCELLED(false, "the call was cancelled");

        private final boolean retryable;
        private final String advice;

        Kind(boolean retryable, String advice) {
            this.retryable = retryable;
            this.advice = advice;
        }

        public boolean retryable() {
            return retryable;
        }

        public String advice() {
            return advice;
        }
    }

    private final Kind kind;
    private final String endpoint;
    private final String model;
    private final Duration retryAfter;

    public LlmException(Kind kind, ModelInfo model, String detail, Duration retryAfter, Throwable cause) {
        this(kind, model.endpoint(), model.model(), detail, retryAfter, cause);
    }

    public LlmException(Kind kind, String endpoint, String model, String detail, Duration retryAfter, Throwable cause) {
        super(format(kind, endpoint, model, detail), cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.model = model;
        this.retryAfter = retryAfter;
    }

    private static String format(Kind kind, String endpoint, String model, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(kind.name().toLowerCase().replace('_', ' '));
        sb.append(" from ").append(endpoint).append(" (model ").append(model).append(")");
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        sb.append(" - ").append(kind.advice());
        return sb.toString();
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    public String endpoint() {
        return endpoint;
    }

    public String model() {
        return model;
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Finds the LlmException inside a future's wrapper exceptions, or classifies the unknown cause. */
    public static LlmException unwrap(Throwable t, ModelInfo model) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        if (cur instanceof LlmException e) {
            return e;
        }
        return new LlmException(Kind.CONNECTION, model, String.valueOf(cur), null, cur);
    }
}
