package io.llmopt.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the response cache is used. */
public enum CacheMode {
    /** Answer from the cache and store new responses. */
    @JsonProperty("read-write") READ_WRITE,
    /** Answer from the cache but never write (e.g. reproducing a paper's run from a shared cache). */
    @JsonProperty("read-only") READ_ONLY,
    /** No cache. */
    @JsonProperty("off") OFF
}
