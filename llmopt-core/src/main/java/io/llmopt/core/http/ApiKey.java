package io.llmopt.core.http;

import java.util.Objects;

/**
 * An API key that cannot leak by accident: {@link #toString()} is redacted, so logging a
 * configuration, an exception or a model never prints it. Only {@link #reveal()} gives the value,
 * for the Authorization header.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** Wraps {@code value}; blank keys are refused, since they would only fail later with a 401. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "API key");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the API key is blank");
        }
        return new ApiKey(value.strip());
    }

    /** The key in the environment variable {@code name}. */
    public static ApiKey fromEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " holds no API key; set it or configure another variable");
        }
        return of(value);
    }

    /** The secret itself; use it only to build the request header. */
    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of the key in {@code text} (e.g. a server's error message) by a mask. */
    public String redactFrom(String text) {
        return text == null ? null : text.replace(value, "[redacted]");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
