package io.llmopt.opro.meta;

/** Why a generated candidate was not evaluated, in the order the reference checks. */
public enum DropReason {
    /** The exact text was generated or evaluated before. */
    ALREADY_EVALUATED,
    /** Longer than 500 characters. */
    TOO_LONG,
    /** Contains a digit, which the reference forbids for GSM8K (an instruction must not leak numbers). */
    CONTAINS_DIGIT,
    /** Contains {@code INS}, i.e. the optimizer echoed the tag. */
    CONTAINS_INS
}
