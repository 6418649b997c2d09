package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The live scorer applies the reference's GPT-scorer {@code \boxed{}} rule in reference grading,
 * as the offline grader does: every parity fixture the reference graded with the rule gets the
 * reference's verdict when the scorer model is gpt-4, scored through a real {@link LlmExampleScorer}.
 */
class LiveGptScorerBoxedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scripted reply under a model name of our choosing. */
    private static final class Named extends ForwardingLanguageModel {
        private final String name;

        Named(LanguageModel delegate, String name) {
            super(delegate);
            this.name = name;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("openai", name, "memory://" + name);
        }
    }

    private static List<JsonNode> boxedFixtures() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var in = Objects.requireNonNull(LiveGptScorerBoxedTest.class.getResourceAsStream(
                "/io/llmopt/opro/grading/reference-parity.jsonl"));
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode c = line.isBlank() ? null : JSON.readTree(line);
                if (c != null && c.get("settings").asText().endsWith("+boxed")) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The verdict of a reference-mode scorer named {@code model} on one fixture. */
    private static boolean verdict(JsonNode c, String model, GradingMode mode) {
        String key = c.get("settings").asText().replace("+boxed", "");
        boolean bbh = key.startsWith("bbh:");
        Example example = Example.of(bbh ? "bbh" : key, bbh ? key.substring(4) : key, 0, c.get("input").asText(),
                c.get("target").asText());
        PromptOptimizationConfig config = PromptOptimizationConfig.reference().toBuilder().gradingMode(mode).build();
        LanguageModel scorer = new Named(ScriptedLanguageModel.constant(c.get("output").asText()), model);
        LlmExampleScorer live = LlmExampleScorer.of(scorer, config, TaskGrading.forDataset(bbh ? "bbh" : key));
        return live.score("", example).join().score() == 1.0;
    }

    @Test
    void aGptScorerInReferenceGradingTakesTheBoxedAnswerAsTheReferenceDoes() throws Exception {
        List<JsonNode> fixtures = boxedFixtures();
        assertThat(fixtures).hasSizeGreaterThan(5);
        int decidedByTheRule = 0;
        for (JsonNode c : fixtures) {
            boolean expected = c.get("correct").asBoolean();
            assertThat(verdict(c, "gpt-4", GradingMode.REFERENCE)).as("gpt-4 scorer, %s", c).isEqualTo(expected);
            assertThat(verdict(c, "gpt-3.5-turbo", GradingMode.REFERENCE)).as("gpt-3.5-turbo scorer, %s", c).isEqualTo(expected);
            if (verdict(c, "text-bison", GradingMode.REFERENCE) != expected) {
                decidedByTheRule++;
            }
        }
        // without the rule (another scorer) some of these verdicts differ: the rule is what made them agree
        assertThat(decidedByTheRule).isPositive();
    }

    @Test
    void theRuleIsTheReferencesOnlyForItsTwoGptNamesAndOnlyInReferenceGrading() {
        LanguageModel gpt4 = new Named(ScriptedLanguageModel.constant(""), "gpt-4");
        LanguageModel gpt4o = new Named(ScriptedLanguageModel.constant(""), "gpt-4o-mini");
        TaskGrading base = TaskGrading.forDataset("gsm8k");
        Example e = Example.of("gsm8k", "gsm8k", 0, "q", "1");
        assertThat(LlmExampleScorer.forScorer(base, gpt4, GradingMode.REFERENCE).settingsFor(e).boxedAnswers()).isTrue();
        assertThat(LlmExampleScorer.forScorer(base, gpt4o, GradingMode.REFERENCE)).isSameAs(base);
        assertThat(LlmExampleScorer.forScorer(base, gpt4, GradingMode.STRICT)).isSameAs(base);
    }
}
