package io.llmopt.sim;

/**
 * A failure the simulated server can inject into a chat-completions reply, to test how a client
 * classifies and survives it. Inject with {@link SimulatedLlmServer#inject(FaultRule)}.
 */
public enum Fault {
    /** 429 with a {@code Retry-After} header in seconds (see {@link SimulatedLlmServer#retryAfterSeconds}). */
    RATE_LIMITED(429),
    /** 500 with an OpenAI-style error body. */
    SERVER_ERROR(500),
    /** 503 with an OpenAI-style error body. */
    SERVICE_UNAVAILABLE(503),
    /**
     * The reply is held back (see {@link SimulatedLlmServer#timeoutHold}; by default until the
     * server closes), so the client's time-out fires first.
     */
    TIMEOUT(200),
    /** Status line, headers and half of the body are sent, then the connection is reset (RST). */
    CONNECTION_RESET(200),
    /** 200 with a body that is not valid JSON. */
    MALFORMED_JSON(200),
    /** 200 with a well-formed completion whose {@code choices} array is empty. */
    EMPTY_CHOICES(200),
    /** 200 where every choice keeps only the first half of its tokens and says {@code finish_reason: "length"}. */
    TRUNCATED(200),
    /** 400 invalid request. */
    BAD_REQUEST(400),
    /** 401 invalid API key. */
    UNAUTHORIZED(401),
    /** 404 model not found. */
    MODEL_NOT_FOUND(404);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    /** The HTTP status the fault answers with (200 for faults that damage the body or the connection). */
    public int status() {
        return status;
    }
}
