package io.llmopt.core.cache;

import java.util.Collection;
import java.util.Map;

/**
 * A store of completions by sample fingerprint ({@link io.llmopt.core.llm.RequestFingerprint}).
 * Implementations are thread-safe. Methods may block on I/O: {@link CachingLanguageModel} calls them
 * off the caller's thread.
 */
public interface ResponseCache extends AutoCloseable {

    /** The cached completions among {@code keys}; keys not cached are absent from the result. */
    Map<String, CachedCompletion> getAll(Collection<String> keys);

    /** Stores the entries; a key already present keeps its first value, so readers never see it change. */
    void putAll(Map<String, CachedCompletion> entries);

    /** Number of cached completions. */
    long size();

    @Override
    default void close() {
    }
}
