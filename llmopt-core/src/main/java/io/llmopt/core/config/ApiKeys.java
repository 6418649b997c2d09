package io.llmopt.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a model's API key at call time, so keys live in the environment or a key file and never
 * in logs, the run store or error messages. Order: {@code api_key}, {@code api_key_file},
 * {@code api_key_env}, then the provider's usual variable (OPENAI_API_KEY for openai).
 */
public final class ApiKeys {

    private ApiKeys() {
    }

    /** The key, or empty when none is configured (fine for local servers). */
    public static Optional<String> resolve(String modelName, ModelConfig model, ModelSpec spec, Map<String, String> env) {
        if (model.apiKey() != null && !model.apiKey().isBlank()) {
            return Optional.of(model.apiKey().strip());
        }
        if (model.apiKeyFile() != null) {
            Path file = ConfigPaths.expand(model.apiKeyFile());
            try {
                String key = Files.readString(file).lines().findFirst().orElse("").strip();
                if (key.isEmpty()) {
                    throw new ConfigException("models." + modelName + ".api_key_file: " + file + " is empty; put the key on its first line");
                }
                return Optional.of(key);
            } catch (IOException e) {
                throw new ConfigException("models." + modelName + ".api_key_file: cannot read " + file
                        + "; check the path and its permissions");
            }
        }
        String var = model.apiKeyEnv() != null ? model.apiKeyEnv() : spec.apiKeyEnv();
        if (var == null) {
            return Optional.empty();
        }
        String key = env.get(var);
        if (key == null || key.isBlank()) {
            if (model.apiKeyEnv() != null || spec.provider() == Provider.OPENAI) {
                throw new ConfigException("models." + modelName + ": the API key variable " + var
                        + " is not set; export it or set api_key_env/api_key_file");
            }
            return Optional.empty();
        }
        return Optional.of(key.strip());
    }
}
