package io.llmopt.core.cache;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a {@link CachingLanguageModel} uses its {@link ResponseCache}; written {@code read-write},
 * {@code read-only} or {@code off} in a configuration.
 */
public enum CacheMode {
    /** Answer from the cache when possible and store every new completion. The default. */
    @JsonProperty("read-write") READ_WRITE,
    /** Answer from the cache when possible, never store: replaying a shared cache without growing it. */
    @JsonProperty("read-only") READ_ONLY,
    /** Bypass the cache entirely: every call goes to the model. */
    @JsonProperty("off") OFF
}
