package io.llmopt.local;

import io.llmopt.core.llm.ChatMessage;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Measures an engine in a few seconds: one call that mostly reads (a long prompt, one token out)
 * gives the prompt speed; one that mostly writes (a short prompt, a few dozen tokens out) gives the
 * generation speed once its short prompt's share is taken off.
 */
public final class EngineSpeedProbe {

    /** Tokens the writing call asks for: enough for a steady rate, few enough to take seconds. */
    static final int GENERATED_TOKENS = 48;

    private static final String READING = ("The committee met on Tuesday to review the quarterly figures, the staffing"
            + " plan and the schedule for the new building, and agreed to meet again after the holidays. ").repeat(12);

    private EngineSpeedProbe() {
    }

    private static Sampling greedy(int maxTokens) {
        return new Sampling(0, null, maxTokens, List.of(), 1L, 1, null, null, null, null, null, null, List.of(), java.util.Map.of());
    }

    public static EngineSpeed measure(InferenceEngine engine) {
        return measure(engine, System::nanoTime);
    }

    static EngineSpeed measure(InferenceEngine engine, LongSupplier nanoTime) {
        long t0 = nanoTime.getAsLong();
        Generation read = engine.chat(List.of(ChatMessage.user("Summarise in one word:\n" + READING)), greedy(1)).get(0);
        long t1 = nanoTime.getAsLong();
        Generation write = engine.chat(List.of(ChatMessage.user("Count from one to one hundred in words.")),
                greedy(GENERATED_TOKENS)).get(0);
        long t2 = nanoTime.getAsLong();
        double readSeconds = Math.max(1e-3, (t1 - t0) / 1e9);
        double promptSpeed = read.promptTokens() / readSeconds;
        double writeSeconds = Math.max(1e-3, (t2 - t1) / 1e9 - write.promptTokens() / promptSpeed);
        return new EngineSpeed(promptSpeed, Math.max(1, write.completionTokens()) / writeSeconds);
    }
}
