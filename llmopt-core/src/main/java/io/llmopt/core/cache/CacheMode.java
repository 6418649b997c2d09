package io.llmopt.core.cache;

/** How a {@link CachingLanguageModel} uses its {@link ResponseCache}. */
public enum CacheMode {
    /** Answer from the cache when possible and store every new completion. The default. */
    READ_WRITE,
    /** Answer from the cache when possible, never store: replaying a shared cache without growing it. */
    READ_ONLY,
    /** Bypass the cache entirely: every call goes to the model. */
    OFF
}
