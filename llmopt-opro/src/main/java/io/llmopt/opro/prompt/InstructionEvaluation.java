package io.llmopt.opro.prompt;

import io.llmopt.core.stats.ConfidenceInterval;

/**
 * One instruction's result on an evaluation split.
 *
 * @param candidateId the candidate in the run
 * @param instruction the instruction
 * @param baseline    true for a baseline (an initial instruction)
 * @param trainScore  its training accuracy, when it was scored in the search
 * @param accuracy    the mean per-example score on the split
 * @param correct     examples counted correct
 * @param examples    examples scored (0 for an instruction scorer without per-example results)
 * @param interval    the 95% Wilson interval of the accuracy, or null without per-example results
 * @param vsBaseline  the paired comparison with the baseline, or null (for the baseline itself)
 */
public record InstructionEvaluation(long candidateId, String instruction, boolean baseline, Double trainScore,
                                    double accuracy, long correct, int examples, ConfidenceInterval interval,
                                    BaselineComparison vsBaseline) {
}
