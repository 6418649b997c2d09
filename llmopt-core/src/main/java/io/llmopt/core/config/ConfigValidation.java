package io.llmopt.core.config;

import io.llmopt.core.llm.ModelApi;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks what types alone cannot: specs parse, roles name configured models, limits are positive. */
final class ConfigValidation {

    private ConfigValidation() {
    }

    /** The models that are defined, for a setting that named another one (often a typo or a guess at a name). */
    private static String definedModels(LlmoptConfig config) {
        var named = config.models().entrySet().stream().filter(e -> e.getValue() != null && e.getValue().spec() != null)
                .map(e -> "models." + e.getKey()).toList();
        return named.isEmpty() ? "" : "; the models defined are " + String.join(", ", named)
                + " (a role given a spec, e.g. --model or --scorer, defines a model named after the role)";
    }

    /** Returns the parsed spec of every model, or throws the first problem found. */
    static Map<String, ModelSpec> check(LlmoptConfig config, ConfigTree tree) {
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, ModelConfig> e : config.models().entrySet()) {
            String base = "models." + e.getKey();
            ModelConfig m = e.getValue();
            if (m == null) {
                throw ConfigException.at(tree.origin(base), base, "is empty; expected a mapping with at least 'spec'");
            }
            if (m.spec() == null) {
                throw ConfigException.at(tree.origin(base), base + ".spec", "missing; expected a model spec such as openai:gpt-4o-mini"
                        + definedModels(config));
            }
            ModelSpec spec;
            try {
                spec = ModelSpec.parse(m.spec(), base + ".spec");
            } catch (ConfigException bad) {
                Origin o = tree.origin(base + ".spec");
                throw new ConfigException((o == null ? "" : o.describe() + ": ") + bad.getMessage(), bad);
            }
            if (m.api() != null) {
                ModelApi written = ModelSpec.writtenApi(m.spec());
                if (written != null && written != m.api()) {
                    throw ConfigException.at(tree.origin(base + ".api"), base + ".api", "is " + m.api().wireName()
                            + " but " + base + ".spec says api=" + written.wireName() + "; write it in one place");
                }
                spec = spec.withApi(m.api());
            }
            if (spec.api() == ModelApi.COMPLETIONS && spec.provider() == Provider.LOCAL) {
                // the embedded engine does not serve raw prompts yet: refuse rather than wrap them
                throw ConfigException.at(tree.origin(base + ".api"), base + ".api", "is completions, but the local:"
                        + " engine serves chat only; serve the model with vLLM or llama.cpp and use its /v1/completions");
            }
            specs.put(e.getKey(), spec);
            positive(tree, base + ".max_concurrency", m.maxConcurrency());
            positive(tree, base + ".requests_per_minute", m.requestsPerMinute());
            positive(tree, base + ".tokens_per_minute", m.tokensPerMinute());
            positive(tree, base + ".timeout_seconds", m.timeoutSeconds());
            if (m.maxOutageSeconds() != null && m.maxOutageSeconds() < 0) {
                String path = base + ".max_outage_seconds";
                throw ConfigException.at(tree.origin(path), path, "got " + m.maxOutageSeconds()
                        + ", expected a whole number of seconds, at least 0 (0 never waits for a down endpoint)");
            }
            if (m.price() != null && !(m.price().promptPerMillion() >= 0 && m.price().completionPerMillion() >= 0
                    && Double.isFinite(m.price().promptPerMillion()) && Double.isFinite(m.price().completionPerMillion()))) {
                throw ConfigException.at(tree.origin(base + ".price"), base + ".price", "prices must be finite and not negative");
            }
            for (int i = 0; i < m.endpoints().size(); i++) {
                String url = m.endpoints().get(i);
                String path = base + ".endpoints[" + i + "]";
                if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                    throw ConfigException.at(tree.origin(path), path, "got \"" + url + "\", expected a base URL starting with http:// or https://");
                }
            }
        }
        for (Map.Entry<String, String> role : config.roles().asMap().entrySet()) {
            if (!config.models().containsKey(role.getValue())) {
                String path = "roles." + role.getKey();
                throw ConfigException.at(tree.origin(path), path, unconfiguredModel(role.getValue(), config.models().keySet()));
            }
        }
        if (config.budget().maxTokens() != null && config.budget().maxTokens() <= 0) {
            throw ConfigException.at(tree.origin("budget.max_tokens"), "budget.max_tokens", "expected a number above 0");
        }
        // NaN compares false with everything, so "<= 0" alone would let it through to the budget
        if (config.budget().maxCost() != null && !(config.budget().maxCost() > 0 && Double.isFinite(config.budget().maxCost()))) {
            throw ConfigException.at(tree.origin("budget.max_cost"), "budget.max_cost",
                    "got " + config.budget().maxCost() + ", expected a number of dollars above 0");
        }
        return specs;
    }

    private static void positive(ConfigTree tree, String path, Integer value) {
        if (value != null && value < 1) {
            throw ConfigException.at(tree.origin(path), path, "got " + value + ", expected a whole number of at least 1");
        }
    }

    /**
     * Why a role's model name is not a model, and what would be: a configured name, or a spec
     * {@code provider:name}, with one suggested when the name looks like a hosted model's.
     */
    static String unconfiguredModel(String name, java.util.Set<String> configured) {
        String known = configured.isEmpty() ? "no model is defined under models:"
                : "expected one of: " + String.join(", ", configured) + " (define it under models:)";
        String looksLike = name.matches("(?i)(gpt-|chatgpt|o\\d|text-embedding|davinci).*") ? "openai:" + name
                : "ollama:" + name;
        return "names the model '" + name + "' which is not configured; " + known + ". A model on the command line is"
                + " provider:name, e.g. " + looksLike + " (providers: " + java.util.Arrays.stream(Provider.values())
                .filter(p -> p != Provider.SIM).map(Provider::prefix).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
