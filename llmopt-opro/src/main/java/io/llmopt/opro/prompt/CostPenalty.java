package io.llmopt.opro.prompt;

/**
 * The cost-aware score: accuracy minus a price for long instructions and for long scorer answers,
 * so the search prefers an instruction that is as accurate and cheaper to use. Token counts are
 * {@link TextTokenEstimate}s. With both rates 0 (the default, and the paper) the score is the accuracy.
 *
 * @param perInstructionToken subtracted per estimated token of the instruction
 * @param perOutputToken      subtracted per estimated token of the scorer's average output
 */
public record CostPenalty(double perInstructionToken, double perOutputToken) {

    public static final CostPenalty NONE = new CostPenalty(0, 0);

    public CostPenalty {
        if (!(perInstructionToken >= 0) || !(perOutputToken >= 0)) {
            throw new IllegalArgumentException("penalties cannot be negative");
        }
    }

    public boolean isNone() {
        return perInstructionToken == 0 && perOutputToken == 0;
    }

    /** The penalized score of an instruction whose scorer outputs averaged {@code meanOutputTokens}. */
    public double apply(double accuracy, String instruction, double meanOutputTokens) {
        if (isNone()) {
            return accuracy;
        }
        return accuracy - perInstructionToken * TextTokenEstimate.of(instruction) - perOutputToken * meanOutputTokens;
    }
}
