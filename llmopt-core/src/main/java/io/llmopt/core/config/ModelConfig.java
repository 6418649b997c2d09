package io.llmopt.core.config;

import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import java.util.List;

/**
 * One configured model, as written under {@code models.NAME}.
 *
 * @param spec              the model reference, e.g. "openai:gpt-4o-mini" (see {@link ModelSpec})
 * @param apiKeyEnv         the environment variable holding the key (overrides the provider's default)
 * @param apiKeyFile        a file holding the key (first line)
 * @param apiKey            the key itself; discouraged (prefer api_key_env), never printed
 * @param maxConcurrency    calls in flight at once, or null for the default
 * @param requestsPerMinute request rate limit, or null for none
 * @param tokensPerMinute   token rate limit, or null for none
 * @param price             token prices, or null when calls are free (local servers)
 * @param endpoints         extra base URLs serving the same model, for a pool
 * @param timeoutSeconds    per-call time-out, or null for the default
 * @param maxOutageSeconds  how long a call waits for an endpoint that stopped answering, or null for
 *                          the default (1800); 0 never waits
 * @param api               the API the model speaks, chat or completions, or null for the spec's
 *                          ({@code ?api=}), which defaults to chat
 * @param sampling          sampling fields for every request to this model, or null for none; a
 *                          field a request sets itself wins over the configured one
 * @param batch             batch mode (provider batch jobs or cluster files), or null for live calls
 * @param probe             false to skip the capability probe (small test requests that find out whether
 *                          the server honours n, seed and each sampling field); null or true probes
 */
public record ModelConfig(
        String spec,
        String apiKeyEnv,
        String apiKeyFile,
        String apiKey,
        Integer maxConcurrency,
        Integer requestsPerMinute,
        Integer tokensPerMinute,
        PriceConfig price,
        List<String> endpoints,
        Integer timeoutSeconds,
        Integer maxOutageSeconds,
        ModelApi api,
        Sampling sampling,
        BatchConfig batch,
        Boolean probe) {

    public ModelConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        sampling = sampling == null ? Sampling.NONE : sampling;
    }

    /** A model with neither an api setting nor sampling fields. */
    public ModelConfig(String spec, String apiKeyEnv, String apiKeyFile, String apiKey, Integer maxConcurrency,
            Integer requestsPerMinute, Integer tokensPerMinute, PriceConfig price, List<String> endpoints,
            Integer timeoutSeconds, Integer maxOutageSeconds) {
        this(spec, apiKeyEnv, apiKeyFile, apiKey, maxConcurrency, requestsPerMinute, tokensPerMinute, price, endpoints,
                timeoutSeconds, maxOutageSeconds, null, null, null, null);
    }

    /** A model without batch mode. */
    public ModelConfig(String spec, String apiKeyEnv, String apiKeyFile, String apiKey, Integer maxConcurrency,
            Integer requestsPerMinute, Integer tokensPerMinute, PriceConfig price, List<String> endpoints,
            Integer timeoutSeconds, Integer maxOutageSeconds, ModelApi api, Sampling sampling) {
        this(spec, apiKeyEnv, apiKeyFile, apiKey, maxConcurrency, requestsPerMinute, tokensPerMinute, price, endpoints,
                timeoutSeconds, maxOutageSeconds, api, sampling, null, null);
    }

    /** A model with the capability probe on (the default). */
    public ModelConfig(String spec, String apiKeyEnv, String apiKeyFile, String apiKey, Integer maxConcurrency,
            Integer requestsPerMinute, Integer tokensPerMinute, PriceConfig price, List<String> endpoints,
            Integer timeoutSeconds, Integer maxOutageSeconds, ModelApi api, Sampling sampling, BatchConfig batch) {
        this(spec, apiKeyEnv, apiKeyFile, apiKey, maxConcurrency, requestsPerMinute, tokensPerMinute, price, endpoints,
                timeoutSeconds, maxOutageSeconds, api, sampling, batch, null);
    }

    /** False when {@code probe: false} switched the capability probe off. */
    public boolean probes() {
        return probe == null || probe;
    }

    /** Parses {@link #spec}; {@code setting} names it in errors. */
    public ModelSpec parsedSpec(String setting) {
        return ModelSpec.parse(spec, setting);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ModelConfig[spec=" + spec + ", apiKeyEnv=" + apiKeyEnv + ", apiKeyFile=" + apiKeyFile
                + ", apiKey=" + (apiKey == null ? "null" : SecretRedactor.REDACTED) + ", maxConcurrency=" + maxConcurrency
                + ", requestsPerMinute=" + requestsPerMinute + ", tokensPerMinute=" + tokensPerMinute + ", price=" + price
                + ", endpoints=" + endpoints + ", timeoutSeconds=" + timeoutSeconds
                + ", maxOutageSeconds=" + maxOutageSeconds + ", api=" + api + ", sampling=" + sampling + ", probe=" + probe + "]";
    }
}
