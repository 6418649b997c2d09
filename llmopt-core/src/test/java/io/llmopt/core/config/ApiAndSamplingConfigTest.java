package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code api:} (in the spec or the model's settings) and {@code sampling:} in a configuration. */
class ApiAndSamplingConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String yaml) throws Exception {
        return new ConfigLoader().environment(Map.of()).file(Files.writeString(dir.resolve("llmopt.yaml"), yaml)).load();
    }

    @Test
    void theSpecSaysWhichApiAModelSpeaks() {
        ModelSpec bpo = ModelSpec.parse("vllm:http://host:8000/v1#THUDM/BPO?api=completions", "s");
        assertThat(bpo.baseUrl()).isEqualTo("http://host:8000/v1");
        assertThat(bpo.model()).isEqualTo("THUDM/BPO");
        assertThat(bpo.api()).isEqualTo(ModelApi.COMPLETIONS);
        assertThat(bpo.toModelInfo().api()).isEqualTo(ModelApi.COMPLETIONS);
        assertThat(bpo.toString()).isEqualTo("vllm:http://host:8000/v1#THUDM/BPO?api=completions");
        assertThat(ModelSpec.parse("vllm:THUDM/BPO?api=chat", "s").api()).isEqualTo(ModelApi.CHAT);
        assertThat(ModelSpec.parse("sim:base?api=completions", "s").api()).isEqualTo(ModelApi.COMPLETIONS);
        assertThat(ModelSpec.parse("openai:gpt-4o-mini", "s").api()).as("the default").isEqualTo(ModelApi.CHAT);
        assertThatThrownBy(() -> ModelSpec.parse("vllm:m?api=text", "models.b.spec"))
                .hasMessageStartingWith("models.b.spec: \"vllm:m?api=text\" has api=text; write api=chat or api=completions");
        assertThatThrownBy(() -> ModelSpec.parse("vllm:m?template=none", "models.b.spec"))
                .hasMessageContaining("unknown option 'template'");
    }

    @Test
    void apiAndSamplingAreReadPerModel() throws Exception {
        LoadedConfig config = load("""
                models:
                  bpo:
                    spec: vllm:http://gpu:8000/v1#THUDM/BPO
                    api: completions
                    sampling:
                      top_k: 50
                      min_tokens: 5
                      stop_token_ids: [2, 13]
                      bad_words: ["[PROTECT]", "[KEEP"]
                      logit_bias: {"13": -100}
                      repetition_penalty: 1.1
                  gpt:
                    spec: openai:gpt-4o-mini
                roles:
                  rewriter: bpo
                  judge: gpt
                """);
        ModelConfig bpo = config.settings().models().get("bpo");
        assertThat(config.modelSpecs().get("bpo").api()).isEqualTo(ModelApi.COMPLETIONS);
        assertThat(config.modelSpecs().get("gpt").api()).isEqualTo(ModelApi.CHAT);
        assertThat(bpo.sampling()).isEqualTo(Sampling.builder().topK(50).minTokens(5).stopTokenIds(List.of(2, 13))
                .badWords(List.of("[PROTECT]", "[KEEP")).logitBias(Map.of("13", -100.0)).repetitionPenalty(1.1).build());
        assertThat(config.settings().models().get("gpt").sampling().isEmpty()).isTrue();
    }

    @Test
    void errorsNameTheFileLineAndSetting() throws Exception {
        assertThatThrownBy(() -> load("""
                models:
                  bpo:
                    spec: vllm:http://gpu:8000/v1#THUDM/BPO
                    sampling:
                      top_k: -5
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("llmopt.yaml line 4: models.bpo.sampling")
                .hasMessageContaining("top_k must be -1 (all tokens) or more, got -5");
        assertThatThrownBy(() -> load("""
                models:
                  bpo:
                    spec: vllm:http://gpu:8000/v1#THUDM/BPO
                    sampling:
                      topk: 5
                """)).hasMessageContaining("line 5: models.bpo.sampling.topk: unknown key 'topk'; expected one of: ")
                .hasMessageContaining("top_k");
        assertThatThrownBy(() -> load("""
                models:
                  bpo:
                    spec: vllm:http://gpu:8000/v1#THUDM/BPO
                    api: text
                """)).hasMessageContaining("line 4: models.bpo.api: got \"text\", expected one of chat, completions");
        assertThatThrownBy(() -> load("""
                models:
                  bpo:
                    spec: vllm:http://gpu:8000/v1#THUDM/BPO?api=chat
                    api: completions
                """)).hasMessageContaining("line 4: models.bpo.api: is completions but models.bpo.spec says api=chat");
    }
}
