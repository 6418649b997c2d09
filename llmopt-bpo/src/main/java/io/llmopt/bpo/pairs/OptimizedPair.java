package io.llmopt.bpo.pairs;

import java.util.Objects;

/**
 * A (prompt, optimized prompt) pair built from one preference record.
 *
 * @param recordId        the preference record's id
 * @param prompt          the original prompt (instruction, with context re-attached)
 * @param optimizedPrompt the optimized prompt (optimized instruction, with context re-attached)
 * @param comparison      the LLM's comparison of the good and bad response
 * @param filterReason    why a filter dropped the pair, or null when it is kept
 */
public record OptimizedPair(String recordId, String prompt, String optimizedPrompt, String comparison,
                            String filterReason) {

    public OptimizedPair {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(optimizedPrompt, "optimizedPrompt");
        Objects.requireNonNull(comparison, "comparison");
    }

    public boolean kept() {
        return filterReason == null;
    }
}
