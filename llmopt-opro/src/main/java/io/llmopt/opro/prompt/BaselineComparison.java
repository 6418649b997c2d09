package io.llmopt.opro.prompt;

import io.llmopt.core.stats.McNemar;
import io.llmopt.core.stats.PairedBootstrap;

/**
 * An instruction against the baseline on the same examples.
 *
 * @param baselineId          the baseline candidate
 * @param baselineInstruction the baseline's text
 * @param mcNemar             exact McNemar test: {@code onlyFirstCorrect} counts examples only the baseline
 *                            got right, {@code onlySecondCorrect} those only this instruction got right
 * @param bootstrap           paired bootstrap of the accuracy difference (this instruction minus the baseline)
 */
public record BaselineComparison(long baselineId, String baselineInstruction, McNemar.Result mcNemar,
                                 PairedBootstrap.Result bootstrap) {

    /** This instruction's accuracy minus the baseline's. */
    public double difference() {
        return bootstrap.observedDifference();
    }
}
