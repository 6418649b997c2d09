package io.llmopt.core.http;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the capability probe has found out so far about one endpoint and model: whether it honours
 * {@code n} and {@code seed}, and each sampling field probed (by wire name). Items not probed yet
 * are {@link Support#UNKNOWN}.
 */
public record ServerCapabilities(Support n, Support seed, Map<String, Support> fields) {

    public ServerCapabilities {
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** The result for a sampling field, UNKNOWN when not probed. */
    public Support field(String wireName) {
        return fields.getOrDefault(wireName, Support.UNKNOWN);
    }
}
