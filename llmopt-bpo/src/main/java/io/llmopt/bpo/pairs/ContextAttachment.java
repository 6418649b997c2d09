package io.llmopt.bpo.pairs;

import io.llmopt.core.text.PythonText;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Puts a record's context back into both prompts of a pair, since the LLM only rewrote the
 * instruction.
 *
 * <p>{@link #REFERENCE} follows the reference's process_ctx: without context (or with an empty one)
 * the prompts are the instructions; when the optimized instruction already contains the context
 * (case-insensitively) only the original gets {@code instruction\ncontext}; when either text says
 * "follow" or the instruction ends with ':', both get {@code instruction\ncontext}. Otherwise the
 * layout is drawn at random, as data augmentation: {@code instruction\ncontext} or
 * {@code context\ninstruction} (1/4 each), {@code instruction context} or {@code context instruction}
 * (1/16 each), {@code instruction "context"} or {@code "context" instruction} (3/16 each).
 * {@link #INSTRUCTION_NEWLINE_CONTEXT} always uses {@code instruction\ncontext}: deterministic,
 * for users who want one layout.
 */
public enum ContextAttachment {
    REFERENCE,
    INSTRUCTION_NEWLINE_CONTEXT;

    /** The (prompt, optimized prompt) pair. */
    public record Prompts(String prompt, String optimizedPrompt) {
    }

    public Prompts attach(String instruction, String context, String optimizedInstruction, RandomGenerator random) {
        if (context == null || context.isEmpty()) {
            return new Prompts(instruction, optimizedInstruction);
        }
        if (optimizedInstruction.toLowerCase(Locale.ROOT).contains(context.toLowerCase(Locale.ROOT))) {
            return new Prompts(join(instruction, "\n", context), optimizedInstruction);
        }
        if (this == INSTRUCTION_NEWLINE_CONTEXT || optimizedInstruction.contains("follow")
                || instruction.contains("follow") || instruction.endsWith(":")) {
            return both(instruction, "\n", context, optimizedInstruction, false);
        }
        // Draws in the reference's order, so the layout shares follow from the same branching.
        if (random.nextDouble() < 0.5) {
            return both(instruction, "\n", context, optimizedInstruction, random.nextDouble() >= 0.5);
        }
        if (random.nextDouble() < 0.25) {
            return both(instruction, " ", context, optimizedInstruction, random.nextDouble() >= 0.5);
        }
        boolean contextFirst = random.nextDouble() >= 0.5;
        return contextFirst
                ? new Prompts(PythonText.strip("\"" + context + "\" " + instruction),
                        PythonText.strip("\"" + context + "\" " + optimizedInstruction))
                : new Prompts(PythonText.strip(instruction + " \"" + context + "\""),
                        PythonText.strip(optimizedInstruction + " \"" + context + "\""));
    }

    private static Prompts both(String instruction, String separator, String context, String optimized, boolean contextFirst) {
        return contextFirst
                ? new Prompts(join(context, separator, instruction), join(context, separator, optimized))
                : new Prompts(join(instruction, separator, context), join(optimized, separator, context));
    }

    private static String join(String a, String separator, String b) {
        return PythonText.strip(a + separator + b);
    }
}
