package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads the configuration: built-in defaults, then the file (YAML or JSON by extension), then
 * LLMOPT_* environment variables, then flags, each layer merged over the one below as trees;
 * then binds and checks the result strictly.
 *
 * <pre>{@code
 * LoadedConfig config = new ConfigLoader().file(path).environment(System.getenv()).flags(flagTree).load();
 * OproSection opro = config.section("opro", OproSection.class);
 * }</pre>
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/io/llmopt/core/config/defaults.yaml";

    private Path file;
    private Map<String, String> environment = Map.of();
    private ConfigTree flags = ConfigTree.empty();
    private final Set<String> sections = new LinkedHashSet<>(List.of("opro", "bpo"));

    /** The configuration file, or null for none. */
    public ConfigLoader file(Path value) {
        this.file = value;
        return this;
    }

    public ConfigLoader environment(Map<String, String> value) {
        this.environment = Map.copyOf(Objects.requireNonNull(value, "environment"));
        return this;
    }

    public ConfigLoader flags(ConfigTree value) {
        this.flags = Objects.requireNonNull(value, "flags");
        return this;
    }

    /** Allows a top-level command section (besides opro and bpo) that a module binds itself. */
    public ConfigLoader allowSection(String name) {
        sections.add(name);
        return this;
    }

    public LoadedConfig load() {
        List<String> warnings = new ArrayList<>();
        ConfigTree tree = defaults();
        if (file != null) {
            ConfigTree fileTree = ConfigFileReader.read(file);
            permissionWarning(file, fileTree.at("")).ifPresent(warnings::add);
            tree = tree.overlaidWith(fileTree);
        }
        // the environment is resolved against the sections the defaults and the file declare
        ConfigTree shape = tree;
        for (String s : sections) {
            if (!shape.at(s).isObject()) {
                shape = shape.overlaidWith(ConfigFileReader.parse("{\"" + s + "\": {}}", "sections", true));
            }
        }
        tree = tree.overlaidWith(EnvironmentLayer.from(environment, shape)).overlaidWith(flags);
        LlmoptConfig settings = bindCore(tree);
        Map<String, ModelSpec> specs = ConfigValidation.check(settings, tree);
        settings.models().forEach((name, model) -> keyFileWarning(name, model).ifPresent(warnings::add));
        return new LoadedConfig(settings, specs, tree, warnings);
    }

    private LlmoptConfig bindCore(ConfigTree tree) {
        try {
            return ConfigBinder.bind(tree.without(sections), "", LlmoptConfig.class);
        } catch (ConfigException e) {
            if (e.getMessage().contains("unknown key") && !sections.isEmpty()) {
                throw new ConfigException(e.getMessage() + ", " + String.join(", ", sections), e);
            }
            throw e;
        }
    }

    private static ConfigTree defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            String text = new String(Objects.requireNonNull(in, DEFAULTS).readAllBytes(), StandardCharsets.UTF_8);
            return ConfigFileReader.parse(text, "defaults", false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
    }

    /** A warning when a model's key file can be read by other users, as for a configuration file. */
    static java.util.Optional<String> keyFileWarning(String modelName, ModelConfig model) {
        if (model == null || model.apiKeyFile() == null || model.apiKeyFile().isBlank()) {
            return java.util.Optional.empty();
        }
        Path file = ConfigPaths.expand(model.apiKeyFile());
        if (readableByOthers(file)) {
            return java.util.Optional.of("models." + modelName + ".api_key_file: " + file
                    + " is readable by other users; run 'chmod 600 " + file + "'");
        }
        return java.util.Optional.empty();
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // no POSIX permissions (e.g. Windows), or no file yet: the key lookup says so
        }
    }

    /** A warning when a file holding a secret can be read by other users. */
    static java.util.Optional<String> permissionWarning(Path file, JsonNode content) {
        List<String> secrets = SecretRedactor.secretPaths(content);
        if (secrets.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (readableByOthers(file)) {
            return java.util.Optional.of(file + " contains a secret (" + String.join(", ", secrets)
                    + ") and is readable by other users; run 'chmod 600 " + file + "' or use api_key_env");
        }
        return java.util.Optional.empty();
    }
}
