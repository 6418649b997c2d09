package io.llmopt.core.config;

import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.ModelInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A model reference written once, as {@code provider:model} or {@code provider:URL#model}:
 * <ul>
 *   <li>{@code openai:gpt-4o-mini} (key from OPENAI_API_KEY)</li>
 *   <li>{@code vllm:http://host:8000/v1#Qwen2.5-7B-Instruct}, {@code ollama:llama3.2},
 *       {@code llamacpp:http://127.0.0.1:8080/v1#model}, {@code lmstudio:...}</li>
 *   <li>{@code openai-compatible:https://host/v1#model}: any server speaking the OpenAI API</li>
 *   <li>{@code local:NAME_OR_GGUF_PATH}: the embedded engine</li>
 *   <li>{@code sim:} or {@code sim:NAME}: the simulated server</li>
 * </ul>
 * Options may follow at the end, after {@code ?}: {@code ?api=completions} says the model is
 * reached through {@code /v1/completions} with raw prompts (default {@code chat}), e.g.
 * {@code vllm:http://host:8000/v1#THUDM/BPO?api=completions}.
 *
 * @param provider  who serves it
 * @param baseUrl   the OpenAI-compatible base URL (usually ending in /v1), or null for local and sim
 * @param model     the model name sent to the server (for local: the name or GGUF path)
 * @param apiKeyEnv the environment variable holding the key by default, or null when none is needed
 * @param api       the API the model speaks (chat unless the spec or {@code models.NAME.api} says otherwise)
 */
public record ModelSpec(Provider provider, String baseUrl, String model, String apiKeyEnv, ModelApi api) {

    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        api = api == null ? ModelApi.CHAT : api;
    }

    /** A spec for a model speaking the chat API. */
    public ModelSpec(Provider provider, String baseUrl, String model, String apiKeyEnv) {
        this(provider, baseUrl, model, apiKeyEnv, ModelApi.CHAT);
    }

    /** The same model reached through {@code value}. */
    public ModelSpec withApi(ModelApi value) {
        return new ModelSpec(provider, baseUrl, model, apiKeyEnv, value);
    }

    /** The API a spec's text names with {@code ?api=}, or null when it names none (or does not parse). */
    public static ModelApi writtenApi(String spec) {
        if (spec == null) {
            return null;
        }
        String[] parts = splitOptions(spec.strip());
        if (parts[1] == null) {
            return null;
        }
        try {
            return parseOptions(parts[1], spec, null);
        } catch (ConfigException e) {
            return null;
        }
    }

    /** {spec without options, options text or null}: options are a final "?key=value[&key=value]". */
    private static String[] splitOptions(String s) {
        int q = s.lastIndexOf('?');
        if (q < 0) {
            return new String[] {s, null};
        }
        String options = s.substring(q + 1);
        if (!options.matches("[A-Za-z_]+=[^#/?&]*(&[A-Za-z_]+=[^#/?&]*)*")) {
            return new String[] {s, null};
        }
        return new String[] {s.substring(0, q), options};
    }

    /** The api option's value (null when absent); unknown options are errors. */
    private static ModelApi parseOptions(String options, String spec, String setting) {
        ModelApi api = null;
        for (String pair : options.split("&")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (!key.equals("api")) {
                throw bad(setting, spec, "has an unknown option '" + key + "'; the known option is api=chat|completions");
            }
            try {
                api = ModelApi.parse(value);
            } catch (IllegalArgumentException e) {
                throw bad(setting, spec, "has api=" + value + "; write api=chat or api=completions");
            }
        }
        return api;
    }

    /** Parses a spec; {@code setting} names where it was written (e.g. "models.gpt.spec") in errors. */
    public static ModelSpec parse(String spec, String setting) {
        if (spec == null || spec.isBlank()) {
            throw bad(setting, spec, "is empty");
        }
        String[] withOptions = splitOptions(spec.strip());
        String s = withOptions[0];
        ModelApi api = withOptions[1] == null ? null : parseOptions(withOptions[1], spec, setting);
        return parse(s, spec, setting).withApi(api);
    }

    private static ModelSpec parse(String s, String spec, String setting) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw bad(setting, spec, "has no provider; write provider:model");
        }
        Provider provider = Provider.fromPrefix(s.substring(0, colon));
        if (provider == null) {
            throw bad(setting, spec, "has an unknown provider '" + s.substring(0, colon) + "'; known: " + Provider.allPrefixes());
        }
        String rest = s.substring(colon + 1).strip();
        return switch (provider) {
            case SIM -> new ModelSpec(provider, null, rest.isEmpty() ? "sim" : rest, null);
            case LOCAL -> {
                if (rest.isEmpty()) {
                    throw bad(setting, spec, "needs a model name or a .gguf path after 'local:'");
                }
                yield new ModelSpec(provider, null, rest, null);
            }
            default -> http(provider, rest, spec, setting);
        };
    }

    private static ModelSpec http(Provider provider, String rest, String spec, String setting) {
        String url;
        String model;
        if (rest.startsWith("http://") || rest.startsWith("https://")) {
            int hash = rest.indexOf('#');
            url = hash < 0 ? rest : rest.substring(0, hash);
            model = hash < 0 ? "" : rest.substring(hash + 1).strip();
            checkUrl(url, spec, setting);
        } else if (rest.contains("://")) {
            throw bad(setting, spec, "has a base URL that does not start with http:// or https://");
        } else {
            url = provider.defaultBaseUrl();
            model = rest;
            if (url == null) {
                throw bad(setting, spec, "needs a base URL: write " + provider.prefix() + ":https://host/v1#model");
            }
        }
        if (model.isEmpty()) {
            if (provider.needsModel()) {
                throw bad(setting, spec, "needs a model name: write " + provider.prefix() + ":"
                        + (url.equals(provider.defaultBaseUrl()) ? "MODEL" : url + "#MODEL"));
            }
            model = "default"; // llama.cpp serves one model and ignores the name
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return new ModelSpec(provider, url, model, provider.defaultKeyEnv());
    }

    private static void checkUrl(String url, String spec, String setting) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw bad(setting, spec, "has a base URL without a host");
            }
        } catch (URISyntaxException e) {
            throw bad(setting, spec, "has an invalid base URL (" + e.getReason() + ")");
        }
    }

    private static ConfigException bad(String setting, String spec, String problem) {
        return new ConfigException((setting == null ? "model spec" : setting) + ": \"" + spec + "\" " + problem
                + " (e.g. openai:gpt-4o-mini, vllm:http://host:8000/v1#Qwen2.5-7B-Instruct, ollama:llama3.2, local:model.gguf, sim:)");
    }

    /** What the LLM layer calls this model: provider label, model name, endpoint. */
    public ModelInfo toModelInfo() {
        return new ModelInfo(provider.prefix(), model, baseUrl == null ? provider.prefix() : baseUrl, api);
    }

    /** The spec in its canonical written form. */
    @Override
    public String toString() {
        String written = switch (provider) {
            case SIM, LOCAL -> provider.prefix() + ":" + model;
            default -> provider.prefix() + ":" + baseUrl + "#" + model;
        };
        return api == ModelApi.CHAT ? written : written + "?api=" + api.wireName();
    }
}
