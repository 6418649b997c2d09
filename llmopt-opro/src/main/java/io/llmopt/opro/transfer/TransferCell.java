package io.llmopt.opro.transfer;

/**
 * One instruction in one column of a transfer matrix.
 *
 * @param instruction            the instruction's index in {@link TransferMatrix#instructions()} (0 is the baseline)
 * @param column                 the column's index in {@link TransferMatrix#columns()}
 * @param accuracy               the share of the column's examples scored correct
 * @param correct                examples scored correct
 * @param examples               examples scored
 * @param lower                  lower bound of the 95% Wilson interval of the accuracy
 * @param upper                  upper bound of the 95% Wilson interval
 * @param difference             this instruction's accuracy minus the baseline's on the same examples; null for the baseline
 * @param onlyBaselineCorrect    examples only the baseline got right; null for the baseline
 * @param onlyInstructionCorrect examples only this instruction got right; null for the baseline
 * @param pValue                 the exact McNemar p-value of the difference; null for the baseline
 */
public record TransferCell(int instruction, int column, double accuracy, long correct, int examples, double lower,
                           double upper, Double difference,
                           Long onlyBaselineCorrect, Long onlyInstructionCorrect, Double pValue) {

    /** True for the baseline's own cell, which has no comparison. */
    public boolean isBaseline() {
        return difference == null;
    }
}
