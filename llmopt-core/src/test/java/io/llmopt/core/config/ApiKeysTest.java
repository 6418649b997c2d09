package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    private static ModelConfig model(String keyEnv, String keyFile) {
        return new ModelConfig("openai:gpt-4o-mini", keyEnv, keyFile, null, null, null, null, null, List.of(), null, null);
    }

    private static final ModelSpec OPENAI = ModelSpec.parse("openai:gpt-4o-mini", "s");
    private static final ModelSpec OLLAMA = ModelSpec.parse("ollama:llama3.2", "s");

    @Test
    void providerDefaultVariable() {
        assertThat(ApiKeys.resolve("gpt", model(null, null), OPENAI, Map.of("OPENAI_API_KEY", "k1"))).contains("k1");
    }

    @Test
    void configuredVariableWins() {
        assertThat(ApiKeys.resolve("gpt", model("MY_KEY", null), OPENAI, Map.of("OPENAI_API_KEY", "k1", "MY_KEY", "k2")))
                .contains("k2");
    }

    @Test
    void keyFileIsReadAndTrimmed() throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "  k3\n");
        assertThat(ApiKeys.resolve("gpt", model("MY_KEY", file.toString()), OPENAI, Map.of())).contains("k3");
    }

    @Test
    void localServersNeedNoKey() {
        assertThat(ApiKeys.resolve("llama", model(null, null), OLLAMA, Map.of())).isEmpty();
    }

    @Test
    void aMissingKeyNamesTheVariableNotAValue() {
        assertThatThrownBy(() -> ApiKeys.resolve("gpt", model(null, null), OPENAI, Map.of()))
                .hasMessage("models.gpt: the API key variable OPENAI_API_KEY is not set; export it or set api_key_env/api_key_file");
        assertThatThrownBy(() -> ApiKeys.resolve("gpt", model(null, dir.resolve("nope").toString()), OPENAI, Map.of()))
                .hasMessageStartingWith("models.gpt.api_key_file: cannot read ");
    }
}
