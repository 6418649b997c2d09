package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

    @Test
    void openaiUsesTheOfficialEndpointAndKeyVariable() {
        ModelSpec spec = ModelSpec.parse("openai:gpt-4o-mini", "models.gpt.spec");
        assertThat(spec).isEqualTo(new ModelSpec(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o-mini", "OPENAI_API_KEY"));
        assertThat(spec.toModelInfo().displayName()).isEqualTo("openai:gpt-4o-mini");
        assertThat(spec.toModelInfo().endpoint()).isEqualTo("https://api.openai.com/v1");
    }

    @ParameterizedTest
    @CsvSource({
            "vllm:http://host:8000/v1#Qwen2.5-7B-Instruct, VLLM, http://host:8000/v1, Qwen2.5-7B-Instruct",
            "ollama:llama3.2, OLLAMA, http://localhost:11434/v1, llama3.2",
            "llamacpp:http://127.0.0.1:8080/v1#model, LLAMACPP, http://127.0.0.1:8080/v1, model",
            "llamacpp:http://127.0.0.1:8080/v1/, LLAMACPP, http://127.0.0.1:8080/v1, default",
            "lmstudio:qwen2.5-7b-instruct, LMSTUDIO, http://localhost:1234/v1, qwen2.5-7b-instruct",
            "openai-compatible:https://api.together.xyz/v1#meta-llama/Llama-3-8b, OPENAI_COMPATIBLE, https://api.together.xyz/v1, meta-llama/Llama-3-8b",
    })
    void httpProviders(String written, Provider provider, String baseUrl, String model) {
        ModelSpec spec = ModelSpec.parse(written, "s");
        assertThat(spec.provider()).isEqualTo(provider);
        assertThat(spec.baseUrl()).isEqualTo(baseUrl);
        assertThat(spec.model()).isEqualTo(model);
        assertThat(spec.apiKeyEnv()).isNull();
        assertThat(ModelSpec.parse(spec.toString(), "s")).isEqualTo(spec);
    }

    @Test
    void localAndSimHaveNoUrl() {
        assertThat(ModelSpec.parse("local:/models/qwen2.5-0.5b-instruct-q4_k_m.gguf", "s"))
                .isEqualTo(new ModelSpec(Provider.LOCAL, null, "/models/qwen2.5-0.5b-instruct-q4_k_m.gguf", null));
        assertThat(ModelSpec.parse("sim:", "s")).isEqualTo(new ModelSpec(Provider.SIM, null, "sim", null));
        assertThat(ModelSpec.parse("sim:gsm8k-oracle", "s").model()).isEqualTo("gsm8k-oracle");
        assertThat(ModelSpec.parse("sim:", "s").toModelInfo().endpoint()).isEqualTo("sim");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gpt-4o-mini | has no provider; write provider:model",
            "azure:gpt-4 | has an unknown provider 'azure'; known: openai, vllm, ollama, llamacpp, lmstudio, openai-compatible, local, sim",
            "openai: | needs a model name: write openai:MODEL",
            "vllm:http://host:8000/v1 | needs a model name: write vllm:http://host:8000/v1#MODEL",
            "vllm:htp://host:8000/v1#m | has a base URL that does not start with http:// or https://",
            "openai-compatible:my-model | needs a base URL: write openai-compatible:https://host/v1#model",
            "local: | needs a model name or a .gguf path after 'local:'",
            "vllm:http:///v1#m | has a base URL without a host",
    })
    void malformedSpecsNameTheSettingAndTheProblem(String written, String problem) {
        assertThatThrownBy(() -> ModelSpec.parse(written, "models.gpt.spec"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("models.gpt.spec: \"" + written + "\" " + problem)
                .hasMessageContaining("(e.g. openai:gpt-4o-mini");
    }

    @Test
    void emptySpec() {
        assertThatThrownBy(() -> ModelSpec.parse(" ", "roles.x")).hasMessageStartingWith("roles.x: \" \" is empty");
    }
}
