package io.llmopt.core.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Who serves a model, as written before the colon of a model spec. */
public enum Provider {
    OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", true),
    VLLM("vllm", "http://localhost:8000/v1", null, true),
    OLLAMA("ollama", "http://localhost:11434/v1", null, true),
    LLAMACPP("llamacpp", "http://127.0.0.1:8080/v1", null, false),
    LMSTUDIO("lmstudio", "http://localhost:1234/v1", null, true),
    OPENAI_COMPATIBLE("openai-compatible", null, null, true),
    /** The embedded engine, started by another module: no URL. */
    LOCAL("local", null, null, true),
    /** The simulated server of the test kit: no URL until it is started. */
    SIM("sim", null, null, false);

    private final String prefix;
    private final String defaultBaseUrl;
    private final String defaultKeyEnv;
    private final boolean needsModel;

    Provider(String prefix, String defaultBaseUrl, String defaultKeyEnv, boolean needsModel) {
        this.prefix = prefix;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultKeyEnv = defaultKeyEnv;
        this.needsModel = needsModel;
    }

    /** The name written in a spec, e.g. "openai-compatible". */
    public String prefix() {
        return prefix;
    }

    /** The base URL used when the spec names only a model, or null when a URL is required or meaningless. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The environment variable holding the API key by default, or null when no key is needed. */
    public String defaultKeyEnv() {
        return defaultKeyEnv;
    }

    boolean needsModel() {
        return needsModel;
    }

    /** True for providers reached over HTTP (everything but the embedded engine and the simulator). */
    public boolean isHttp() {
        return this != LOCAL && this != SIM;
    }

    static Provider fromPrefix(String prefix) {
        return Arrays.stream(values()).filter(p -> p.prefix.equalsIgnoreCase(prefix)).findFirst().orElse(null);
    }

    static String allPrefixes() {
        return Arrays.stream(values()).map(Provider::prefix).collect(Collectors.joining(", "));
    }
}
