package io.llmopt.core.llm;

/** Why the model stopped producing a completion. */
public enum FinishReason {
    /** A natural end or a stop string. */
    STOP,
    /** The max-tokens cap cut the completion: its text may be truncated. */
    LENGTH,
    /** The provider withheld content. */
    CONTENT_FILTER,
    /** Anything else, or not reported. */
    OTHER;

    public static FinishReason fromWire(String value) {
        if (value == null) {
            return OTHER;
        }
        return switch (value) {
            case "stop", "eos", "stop_sequence", "end_turn" -> STOP;
            case "length", "max_tokens" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            default -> OTHER;
        };
    }

    public String wireName() {
        return switch (this) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case OTHER -> "other";
        };
    }
}
