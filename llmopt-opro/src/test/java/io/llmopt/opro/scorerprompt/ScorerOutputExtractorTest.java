package io.llmopt.opro.scorerprompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Second-round prompt and answer preparation; expected values from the reference's expressions. */
class ScorerOutputExtractorTest {

    @Test
    void secondRoundPromptAppendsTheFirstAnswerUpToAnInventedQuestion() {
        String prompt = ScorerOutputExtractor.secondRoundPrompt("Q: x\n\nA:", "  The answer is 5.\nQ: next");

        assertThat(prompt).isEqualTo("Q: x\n\nA: The answer is 5. So the final answer is");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "': 5.\n\nQ: more'|'5.'",
        "'::\n 18 Q: x'|'18 '",
        "' (B) because'|'(B) because'",
        "''|''",
    })
    void answerForParsingTrimsColonsLinesAndQuestions(String answer, String expected) {
        assertThat(ScorerOutputExtractor.answerForParsing(answer.replace("\\n", "\n"))).isEqualTo(expected);
    }
}
