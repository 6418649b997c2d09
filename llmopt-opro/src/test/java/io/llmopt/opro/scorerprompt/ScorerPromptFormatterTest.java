package io.llmopt.opro.scorerprompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scorer prompts and question texts against outputs of the reference's gen_prompt. */
class ScorerPromptFormatterTest {

    static List<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (var in = Objects.requireNonNull(ScorerPromptFormatterTest.class.getResourceAsStream("scorer-prompts.jsonl"));
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                cases.add(json.readTree(line));
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void promptIsByteIdenticalToTheReference(JsonNode c) {
        var formatter = new ScorerPromptFormatter(
                InstructionPosition.parse(c.get("position").asText()), c.get("include_qa").asBoolean());

        String prompt = formatter.format(c.get("instruction").asText(), questionOf(c));

        assertThat(prompt).isEqualTo(c.get("prompt").asText());
    }

    private static String questionOf(JsonNode c) {
        JsonNode f = c.get("fields");
        String question = switch (c.get("dataset").asText()) {
            case "gsm8k" -> QuestionText.gsm8k(f.get("question").asText());
            case "multiarith" -> QuestionText.multiArith(f.get("sQuestion").asText());
            case "bbh" -> QuestionText.bbh(f.get("input").asText());
            case "aqua" -> {
                List<String> options = new ArrayList<>();
                f.get("options").forEach(o -> options.add(o.asText()));
                yield QuestionText.aqua(f.get("question").asText(), options);
            }
            case "mmlu" -> QuestionText.mmlu(f.get("question").asText(), f.get("a").asText(), f.get("b").asText(),
                    f.get("c").asText(), f.get("d").asText());
            default -> throw new IllegalArgumentException(c.toString());
        };
        assertThat(question).isEqualTo(c.get("question").asText());
        return question;
    }

    @Test
    void positionsParseFromThePapersNamesOnly() {
        assertThat(InstructionPosition.parse("before_Q")).isEqualTo(InstructionPosition.BEFORE_Q);
        assertThat(InstructionPosition.parse("A_begin")).isEqualTo(InstructionPosition.A_BEGIN);
        assertThat(InstructionPosition.Q_END).hasToString("Q_end");
        assertThatThrownBy(() -> InstructionPosition.parse("q_begin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q_begin");
    }

    @Test
    void withoutTheQaFormatOnlyQuestionPositionsAreAllowed() {
        assertThatThrownBy(() -> new ScorerPromptFormatter(InstructionPosition.A_BEGIN, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorerPromptFormatter(InstructionPosition.BEFORE_Q, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
