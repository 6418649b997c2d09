package io.llmopt.local;

/**
 * How the engine uses the machine. Every value is checked here, because the bindings accept an
 * invalid parameter silently and the next native call then crashes the JVM.
 *
 * @param threads        CPU threads for generation and prompt processing, 1 to 512
 * @param contextPerSlot tokens of context each slot gets: prompt plus completion, 256 to 131072
 * @param parallel       slots: requests decoded together in one batch, 1 to 64
 * @param batchSize      prompt tokens processed per native batch, 32 to 8192
 */
public record EngineSettings(int threads, int contextPerSlot, int parallel, int batchSize) {

    /** Enough for an OPRO meta-prompt with a long history plus a few hundred tokens of answer. */
    public static final int DEFAULT_CONTEXT_PER_SLOT = 4096;
    /** Two slots keep a scorer's concurrent calls flowing without doubling memory for idle context. */
    public static final int DEFAULT_PARALLEL = 2;
    public static final int DEFAULT_BATCH = 512;

    public EngineSettings {
        check("threads", threads, 1, 512);
        check("context per slot", contextPerSlot, 256, 131_072);
        check("parallel", parallel, 1, 64);
        check("batch size", batchSize, 32, 8192);
    }

    /** Laptop defaults: one thread per physical core, 4096 tokens per slot, 2 slots. */
    public static EngineSettings defaults() {
        return new EngineSettings(NativeRuntime.physicalCores(), DEFAULT_CONTEXT_PER_SLOT, DEFAULT_PARALLEL, DEFAULT_BATCH);
    }

    /** The whole context the native side allocates: it splits it evenly between the slots. */
    public int totalContext() {
        return contextPerSlot * parallel;
    }

    /** These settings with the context per slot capped at what the model was trained for. */
    public EngineSettings cappedAt(long trainedContext) {
        if (trainedContext <= 0 || trainedContext >= contextPerSlot) {
            return this;
        }
        return new EngineSettings(threads, (int) Math.max(256, trainedContext), parallel, batchSize);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
