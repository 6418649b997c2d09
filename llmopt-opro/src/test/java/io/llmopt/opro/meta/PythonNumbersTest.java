package io.llmopt.opro.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The number formatting the meta-prompt depends on; expected values are what CPython prints. */
class PythonNumbersTest {

    @Test
    void bucketsRoundHalfToEvenOnTheComputedDouble() {
        assertThat(ScoreBuckets.PAPER.show(0.135, 3)).isEqualTo("14"); // 13.500000000000002
        assertThat(ScoreBuckets.PAPER.show(0.125, 3)).isEqualTo("12"); // exactly 12.5, ties to even
        assertThat(new ScoreBuckets(20).show(0.625, 3)).isEqualTo("12");
        assertThatThrownBy(() -> ScoreBuckets.PAPER.show(1.5, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unbucketedScoresAreRoundedFromTheExactBinaryValue() {
        assertThat(ScoreBuckets.NONE.show(0.1235, 3)).isEqualTo("0.123");
        assertThat(ScoreBuckets.NONE.show(0.0005, 3)).isEqualTo("0.001");
        assertThat(ScoreBuckets.NONE.show(2.0 / 3, 2)).isEqualTo("0.67");
        assertThat(ScoreBuckets.NONE.show(1.0, 3)).isEqualTo("1.0");
    }

    @Test
    void floatsPrintAsPythonPrintsThem() {
        assertThat(PythonFloats.str(1e-05)).isEqualTo("1e-05");
        assertThat(PythonFloats.str(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PythonFloats.str(123.0)).isEqualTo("123.0");
        assertThat(PythonFloats.str(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloats.str(-0.0)).isEqualTo("-0.0");
        assertThat(PythonFloats.str(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void polishingFollowsPolishSentence() {
        assertThat(InstructionPolisher.polish("  **let's** think\u00a0")).isEqualTo("Let's think");
        assertThat(InstructionPolisher.polish("x")).isEqualTo("x"); // one character is left alone
        assertThat(InstructionPolisher.polish("ßtart")).isEqualTo("SStart");
    }

    @Test
    void cappedAndThresholdedPairsKeepTheBestInAscendingOrder() {
        List<ScoredInstruction> history = List.of(new ScoredInstruction("a", 0.5, -1), new ScoredInstruction("b", 0.2, 0),
                new ScoredInstruction("c", 0.9, 1), new ScoredInstruction("d", 0.5, 2));
        assertThat(InstructionScorePairs.shown(history, 0.3, 3)).extracting(ScoredInstruction::instruction)
                .containsExactly("a", "d", "c");
        assertThat(InstructionScorePairs.shown(history, 0.0, 0)).hasSize(4);
        String prompt = new MetaPromptBuilder(MetaPromptConfig.reference(OptimizerStyle.CHAT, InstructionPosition.Q_BEGIN))
                .build(history);
        assertThat(prompt).contains("\ntext:\na\nscore:\n50\n\ntext:\nd\nscore:\n50\n\ntext:\nc\nscore:\n90\n")
                .doesNotContain("\nb\n");
    }
}
