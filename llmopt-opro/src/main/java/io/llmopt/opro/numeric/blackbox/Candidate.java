package io.llmopt.opro.numeric.blackbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a {@link SearchSpace}: parameter name to value (Long or Double for numbers,
 * String otherwise), in the space's order. Integral numbers are normalised to Long so that
 * "3" and "3.0" are the same candidate.
 */
public record Candidate(Map<String, Object> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Candidate {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, normalise(v)));
        values = Collections.unmodifiableMap(copy);
    }

    private static Object normalise(Object v) {
        if (v instanceof Number n && !(v instanceof Long)) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        }
        return v;
    }

    /** The candidate as a JSON object, keys in order: what objectives receive, and the de-duplication key. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double number(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
