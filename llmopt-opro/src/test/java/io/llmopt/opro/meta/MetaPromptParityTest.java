package io.llmopt.opro.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every style, position and option against the reference's {@code gen_meta_prompt} output, byte for byte. */
class MetaPromptParityTest {

    static Stream<Arguments> cases() {
        JsonNode all = Fixtures.load("meta_prompts.json");
        List<Arguments> args = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            args.add(Arguments.of(i + " " + c.get("style").asText() + " " + c.get("position").asText()
                    + (c.get("includeQa").asBoolean() ? " qa" : "") + " buckets=" + c.get("scoreBuckets").asInt(), c));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReference(String name, JsonNode c) {
        OptimizerStyle style = OptimizerStyle.valueOf(c.get("style").asText());
        MetaPromptConfig config = new MetaPromptConfig(style,
                InstructionPosition.parse(c.get("position").asText()), c.get("includeQa").asBoolean(),
                c.get("instructionsBeforeExemplars").asBoolean(), c.get("maxNumInstructions").asInt(),
                c.get("scoreThreshold").asDouble(), new ScoreBuckets(c.get("scoreBuckets").asInt()),
                MetaPromptConfig.taskDescription(c.get("dataset").asText(), c.get("task").asText()));
        List<ScoredInstruction> history = new ArrayList<>();
        for (JsonNode h : c.get("history")) {
            history.add(new ScoredInstruction(h.get(0).asText(), h.get(1).asDouble(), h.get(2).asInt()));
        }
        List<Example> exemplars = null;
        if (!c.get("exemplars").isNull()) {
            exemplars = new ArrayList<>();
            int index = 0;
            for (JsonNode e : c.get("exemplars")) {
                exemplars.add(Example.of("test", "t", index++, e.get(0).asText(), e.get(1).asText()));
            }
        }
        MetaPromptBuilder builder = new MetaPromptBuilder(config);
        List<Example> chosen = exemplars;
        if (c.has("error")) {
            assertThatThrownBy(() -> builder.build(history, chosen)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Q/A format");
        } else {
            String prompt = chosen == null ? builder.build(history) : builder.build(history, chosen);
            assertThat(prompt).isEqualTo(c.get("expected").asText());
        }
    }
}
