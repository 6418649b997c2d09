package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apiKey", "API_KEY", "key", "Key", "token", "access_token", "bearerToken", "secret",
            "client_secret", "password", "Authorization", "x-api-key", "apikey", "private_key", "credentials"})
    void secretNames(String name) {
        assertThat(SecretRedactor.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "tokens_per_minute", "api_key_env", "api_key_file", "sort_key", "monkey",
            "keywords", "spec", "prompt_tokens", "tokenizer"})
    void ordinaryNames(String name) {
        assertThat(SecretRedactor.isSecretName(name)).isFalse();
    }

    @Test
    void redactsAtAnyDepthAndLeavesTheRestAlone() throws Exception {
        JsonNode config = new ObjectMapper().readTree("""
                {"models": {"gpt": {"spec": "openai:gpt-4o-mini", "apiKey": "abc", "api_key_env": "OPENAI_API_KEY",
                  "max_tokens": 10, "headers": [{"Authorization": "Bearer xyz"}]}},
                 "note": "%s", "token": null}
                """.formatted("sk-" + "abcdefghijklmnopqrstuvwxyz")); // assembled so secret scanners see no key
        JsonNode redacted = SecretRedactor.redact(config);
        assertThat(redacted.toString()).isEqualTo("{\"models\":{\"gpt\":{\"spec\":\"openai:gpt-4o-mini\","
                + "\"apiKey\":\"***redacted***\",\"api_key_env\":\"OPENAI_API_KEY\",\"max_tokens\":10,"
                + "\"headers\":[{\"Authorization\":\"***redacted***\"}]}},\"note\":\"***redacted***\",\"token\":null}");
        assertThat(config.at("/models/gpt/apiKey").asText()).as("the input is not changed").isEqualTo("abc");
        assertThat(SecretRedactor.secretPaths(config))
                .containsExactly("models.gpt.apiKey", "models.gpt.headers[0].Authorization", "note");
    }

    @Test
    void numbersAndFlagsUnderSecretLookingNamesAreSettingsNotSecrets() throws Exception {
        JsonNode config = new ObjectMapper().readTree("""
                {"penalty": {"perInstructionToken": 0.001, "per_output_token": 0.0}, "token": "tok-123",
                 "secret": {"value": "abc"}, "use_token": true}
                """);
        JsonNode redacted = SecretRedactor.redact(config);
        assertThat(redacted.at("/penalty/perInstructionToken").asDouble()).isEqualTo(0.001);
        assertThat(redacted.at("/penalty/per_output_token").isNumber()).isTrue();
        assertThat(redacted.at("/use_token").asBoolean()).isTrue();
        assertThat(redacted.at("/token").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(redacted.at("/secret").asText()).isEqualTo(SecretRedactor.REDACTED);
    }
}
