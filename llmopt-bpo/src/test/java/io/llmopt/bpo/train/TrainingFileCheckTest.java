package io.llmopt.bpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainingFileCheckTest {

    private static String example(String user, String assistant) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + user + "\"}, {\"role\": \"assistant\", \"content\": \""
                + assistant + "\"}]}\n";
    }

    private static byte[] examples(int n) {
        return example("a prompt", "a better prompt").repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodFileIsCountedAndASmallOneWarned() {
        TrainingFileCheck.Result r = TrainingFileCheck.defaults().check("t.jsonl", examples(12));
        assertThat(r.examples()).isEqualTo(12);
        assertThat(r.estimatedTokens()).isPositive();
        assertThat(r.warnings()).singleElement().asString().contains("at least 50");
        assertThat(TrainingFileCheck.defaults().check("t.jsonl", examples(60)).warnings()).isEmpty();
    }

    @Test
    void eachBrokenLineIsNamed() {
        String good = new String(examples(10), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> check(good + "not json\n")).hasMessage("t.jsonl line 11: not valid JSON");
        assertThatThrownBy(() -> check(good + "{\"messages\": []}\n"))
                .hasMessage("t.jsonl line 11: expected {\"messages\": [...]} with at least one message");
        assertThatThrownBy(() -> check(good + "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}\n"))
                .hasMessage("t.jsonl line 11: no assistant message, so nothing to learn");
        assertThatThrownBy(() -> check(good + "{\"messages\": [{\"role\": \"bot\", \"content\": \"x\"}]}\n"))
                .hasMessageContaining("t.jsonl line 11: a message has role 'bot'");
        assertThatThrownBy(() -> check(good + example("x", "")))
                .hasMessage("t.jsonl line 11: a assistant message has no text content");
    }

    @Test
    void tooFewOrTooLongExamplesAreRefused() {
        assertThatThrownBy(() -> TrainingFileCheck.defaults().check("t.jsonl", examples(9)))
                .hasMessageContaining("9 example(s); fine-tuning needs at least 10");
        String longOne = example("x".repeat(400), "y");
        assertThatThrownBy(() -> new TrainingFileCheck(50).check("t.jsonl", (new String(examples(10), StandardCharsets.UTF_8)
                + longOne).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("t.jsonl line 11: about");
    }

    private static void check(String text) {
        TrainingFileCheck.defaults().check("t.jsonl", text.getBytes(StandardCharsets.UTF_8));
    }
}
