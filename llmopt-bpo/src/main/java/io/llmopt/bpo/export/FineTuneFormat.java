package io.llmopt.bpo.export;

/** The fine-tuning file layouts trainers commonly accept. */
public enum FineTuneFormat {
    /** One {@code {"messages": [{"role": "user", ...}, {"role": "assistant", ...}]}} per line. */
    OPENAI_CHAT_JSONL,
    /** A JSON array of {@code {"instruction", "input", "output"}}. */
    ALPACA_JSON,
    /** A JSON array of {@code {"id", "conversations": [{"from": "human", ...}, {"from": "gpt", ...}]}}. */
    SHAREGPT_JSON,
    /**
     * The BPO reference's own training format: a JSON array of {@code {"id", "paragraph": [{"q", "a"}]}}
     * with the original prompt as {@code q} (its training code adds the template) and the optimized
     * prompt as {@code a}.
     */
    BPO_REFERENCE_JSON
}
