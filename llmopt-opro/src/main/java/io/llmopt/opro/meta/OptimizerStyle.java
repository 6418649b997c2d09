package io.llmopt.opro.meta;

/** The three meta-prompt styles of the reference, by the kind of optimizer model they address. */
public enum OptimizerStyle {
    /** Instruction-tuned chat models (the reference's gpt-3.5-turbo / gpt-4): {@code <INS>} or {@code <Start>} tags. */
    CHAT,
    /** Instruction-tuned completion models (the reference's text-bison): the new text in square brackets. */
    COMPLETION,
    /** Pre-trained models ("instructions only"): {@code Precision: score <TEXT>...</TEXT>} lines to continue. */
    PRETRAINED
}
