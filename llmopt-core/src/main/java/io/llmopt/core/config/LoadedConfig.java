package io.llmopt.core.config;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link ConfigLoader#load()}: core's settings, the merged tree (for the command
 * sections modules bind themselves), the parsed model specs and any warnings to show the user.
 */
public record LoadedConfig(LlmoptConfig settings, Map<String, ModelSpec> modelSpecs, ConfigTree tree, List<String> warnings) {

    public LoadedConfig {
        modelSpecs = Map.copyOf(modelSpecs);
        warnings = List.copyOf(warnings);
    }

    /**
     * Binds a command section (e.g. "opro") to a module's record with the same strictness as
     * core's settings; a missing section binds as empty, so the record's defaults apply.
     */
    public <T> T section(String name, Class<T> type) {
        return ConfigBinder.bind(tree, name, type);
    }

    /** The parsed spec of the model playing {@code role}, or null when the role is not set. */
    public ModelSpec specForRole(String role) {
        return settings.roles().modelFor(role).map(modelSpecs::get).orElse(null);
    }
}
