package io.llmopt.core.config;

import io.llmopt.core.cache.CacheMode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings core understands, bound strictly from the merged configuration. Command sections
 * ({@code opro:}, {@code bpo:}, ...) are not here: each module binds its own with
 * {@link LoadedConfig#section}.
 */
public record LlmoptConfig(
        Map<String, ModelConfig> models,
        RolesConfig roles,
        CacheConfig cache,
        BudgetConfig budget,
        StoreConfig store,
        String runsDir) {

    public LlmoptConfig {
        // file order is kept: messages list the models as the user wrote them
        models = models == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(models));
        roles = roles == null ? new RolesConfig(null, null, null, null, null) : roles;
        cache = cache == null ? new CacheConfig(null, CacheMode.OFF) : cache;
        budget = budget == null ? new BudgetConfig(null, null) : budget;
        store = store == null ? new StoreConfig(null) : store;
    }

    /** The model configured for a role, if the role is set. */
    public Optional<ModelConfig> modelForRole(String role) {
        return roles.modelFor(role).map(models::get);
    }

    public Path resolvedRunsDir() {
        return ConfigPaths.expand(runsDir == null ? "llmopt-runs" : runsDir);
    }

    /** The run store file: {@code store.path}, or runs.db in the runs folder. */
    public Path resolvedStorePath() {
        return store.path() != null ? ConfigPaths.expand(store.path()) : resolvedRunsDir().resolve("runs.db");
    }
}
