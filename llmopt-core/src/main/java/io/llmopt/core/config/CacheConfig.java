package io.llmopt.core.config;

import io.llmopt.core.cache.CacheMode;
import java.nio.file.Path;

/**
 * The response cache: where it lives and how it is used. With no {@code path} it is
 * {@code responses.db} in the cache folder ({@link UserFolders#cacheDir()}).
 */
public record CacheConfig(String path, CacheMode mode) {

    public static final String DEFAULT_FILE = "responses.db";

    /** {@link #path} with a leading "~" expanded, or the default file. */
    public Path resolvedPath() {
        return resolvedPath(UserFolders.system());
    }

    public Path resolvedPath(UserFolders folders) {
        return path == null ? folders.cacheDir().resolve(DEFAULT_FILE) : folders.expand(path);
    }
}
