package io.llmopt.core.config;

import io.llmopt.core.cache.CacheMode;

/** The response cache: where it lives and how it is used. */
public record CacheConfig(String path, CacheMode mode) {

    /** {@link #path} with a leading "~" expanded. */
    public java.nio.file.Path resolvedPath() {
        return ConfigPaths.expand(path);
    }
}
