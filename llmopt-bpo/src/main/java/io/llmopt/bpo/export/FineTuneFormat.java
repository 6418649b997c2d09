package io.llmopt.bpo.export;

/** The fine-tuning file layouts trainers commonly accept. */
public enum FineTuneFormat {
    /** One {@code {"messages": [{"role": "user", ...}, {"role": "assistant", ...}]}} per line. */
    OPENAI_CHAT_JSONL,
    /** A JSON array of {@code {"instruction", "input", "output"}}. */
    ALPACA_JSON,
    /** A JSON array of {@code {"id", "conversations": [{"from": "human", ...}, {"from": "gpt", ...}]}}. */
    SHAREGPT_JSON
}
