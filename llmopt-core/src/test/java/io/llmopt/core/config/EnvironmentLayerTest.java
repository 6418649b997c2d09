package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentLayerTest {

    private static final JsonNode SHAPE = read("{\"models\": {\"gpt_4o\": {\"spec\": \"x\"}}, \"roles\": {}, "
            + "\"budget\": {}, \"runs_dir\": \"r\"}");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resolvesUnderscoresAgainstExistingKeys() {
        assertThat(EnvironmentLayer.resolve(List.of("roles", "scorer"), SHAPE)).containsExactly("roles", "scorer");
        assertThat(EnvironmentLayer.resolve(List.of("budget", "max", "tokens"), SHAPE)).containsExactly("budget", "max_tokens");
        assertThat(EnvironmentLayer.resolve(List.of("models", "gpt", "4o", "max", "concurrency"), SHAPE))
                .containsExactly("models", "gpt_4o", "max_concurrency");
        assertThat(EnvironmentLayer.resolve(List.of("runs", "dir"), SHAPE)).containsExactly("runs_dir");
    }

    @Test
    void ignoresVariablesThatNameNoSection() {
        assertThat(EnvironmentLayer.resolve(List.of("config"), SHAPE)).isNull();
        assertThat(EnvironmentLayer.resolve(List.of("home", "dir"), SHAPE)).isNull();
    }

    @Test
    void valuesAreReadLikeYamlScalars() {
        assertThat(ScalarValues.parse("8").isInt()).isTrue();
        assertThat(ScalarValues.parse("0.5").isDouble()).isTrue();
        assertThat(ScalarValues.parse("true").isBoolean()).isTrue();
        assertThat(ScalarValues.parse("openai:gpt-4o-mini").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(ScalarValues.parse("vllm:http://h:8000/v1#m").asText()).isEqualTo("vllm:http://h:8000/v1#m");
        assertThat(ScalarValues.parse("[http://a/v1, http://b/v1]").size()).isEqualTo(2);
        assertThat(ScalarValues.parse("").asText()).isEmpty();
    }
}
