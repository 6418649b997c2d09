package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.CandidateStatus;
import io.llmopt.opro.meta.CandidateExtractor;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import org.junit.jupiter.api.Test;

/** Output to candidate, written once: the eager path and in-order screening judge a text alike. */
class CandidateIntakeTest {

    private static CandidateIntake intake() {
        return new CandidateIntake(CandidateExtractor.forStyle(OptimizerStyle.CHAT, InstructionPosition.Q_BEGIN), true);
    }

    @Test
    void screensInOrderAgainstEveryTextSeenSoFar() {
        CandidateIntake intake = intake();
        intake.see("Let's think step by step.");
        PromptCandidate again = intake.screen(1, 1, "<INS>Let's think step by step.</INS>");
        PromptCandidate fresh = intake.screen(2, 1, "<INS>Work backwards.</INS>");
        PromptCandidate twice = intake.screen(3, 1, "<INS>Work backwards.</INS>");
        PromptCandidate digits = intake.screen(4, 1, "<INS>Take 3 deep breaths.</INS>");

        assertThat(again.status()).isEqualTo(CandidateStatus.DUPLICATE);
        assertThat(fresh.status()).isEqualTo(CandidateStatus.KEPT);
        assertThat(fresh.instruction()).isEqualTo("Work backwards.");
        assertThat(fresh.rawOutput()).isEqualTo("<INS>Work backwards.</INS>");
        assertThat(twice.status()).isEqualTo(CandidateStatus.DUPLICATE);
        assertThat(digits.status()).isEqualTo(CandidateStatus.FILTERED);
        assertThat(digits.reason()).isNotBlank();
        assertThat(intake.seen()).contains("Let's think step by step.", "Work backwards.");
    }

    @Test
    void passingFiltersIgnoresWhatWasSeenButNotTheFilters() {
        CandidateIntake intake = intake();
        intake.see("Work backwards.");
        assertThat(intake.passingFilters("<INS>Work backwards.</INS>")).isEqualTo("Work backwards.");
        assertThat(intake.passingFilters("<INS>Take 3 deep breaths.</INS>")).isNull();
        // and it screens nothing: the text is still new to in-order screening
        assertThat(intake.screen(1, 1, "<INS>Solve it.</INS>").kept()).isTrue();
    }

    @Test
    void anOutputWithoutAnInstructionIsAnEmptyCandidate() {
        CandidateIntake intake = new CandidateIntake(
                CandidateExtractor.forStyle(OptimizerStyle.PRETRAINED, InstructionPosition.Q_BEGIN), false);
        PromptCandidate empty = intake.screen(7, 2, "no tags here");
        assertThat(empty.status()).isEqualTo(CandidateStatus.EMPTY);
        assertThat(empty.instruction()).isEmpty();
        assertThat(empty.step()).isEqualTo(2);
        assertThat(intake.passingFilters("no tags here")).isNull();
    }
}
