package io.llmopt.core.config;

/**
 * A configuration error, in one line: where the setting came from (file and line, environment
 * variable or flag), its key path, and what was expected. Never contains a secret's value.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{origin}: {path}: {problem}", the shape of every configuration error. */
    static ConfigException at(Origin origin, String path, String problem) {
        String where = origin == null ? "configuration" : origin.describe();
        // a flag's origin already names the key ("flag --model roles.scorer"): say it once
        boolean named = path == null || path.isEmpty() || where.endsWith(" " + path);
        return new ConfigException(where + ": " + (named ? "" : path + ": ") + problem);
    }
}
