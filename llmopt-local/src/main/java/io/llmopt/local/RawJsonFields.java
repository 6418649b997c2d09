package io.llmopt.local;

import de.kherud.llama.InferenceParameters;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Writes request fields the bindings' {@link InferenceParameters} has no setter for: a prompt given
 * as token ids (so that the engine, not the native tokenizer, decides about BOS) and a
 * {@code logit_bias} that mixes biases and bans (the bindings' two setters overwrite each other).
 * The bindings keep fields as raw JSON in a package-private map, which is reached by reflection;
 * the value written must be valid JSON, as llama.cpp parses it.
 */
final class RawJsonFields {

    private static final Field PARAMETERS;

    static {
        try {
            PARAMETERS = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
            PARAMETERS.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("the llama.cpp bindings changed: their JSON parameters cannot be "
                    + "reached (" + e + "); llmopt-local needs de.kherud:llama 4.2.x");
        }
    }

    private RawJsonFields() {
    }

    static void put(InferenceParameters params, String field, String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) PARAMETERS.get(params);
            map.put(field, json);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field + " on the llama.cpp request", e);
        }
    }

    /** The prompt as token ids, used by llama.cpp as they are (it adds no BOS to a token prompt). */
    static void tokens(InferenceParameters params, int[] tokens) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < tokens.length; i++) {
            json.append(i == 0 ? "" : ",").append(tokens[i]);
        }
        put(params, "prompt", json.append(']').toString());
    }

    /** llama.cpp's {@code logit_bias} as pairs; {@code false} bans a token (its logit becomes -inf). */
    static void logitBias(InferenceParameters params, Map<Integer, Double> bias) {
        StringBuilder json = new StringBuilder("[");
        boolean first = true;
        for (Map.Entry<Integer, Double> e : bias.entrySet()) {
            json.append(first ? "" : ",").append('[').append(e.getKey()).append(',');
            json.append(e.getValue() == Double.NEGATIVE_INFINITY ? "false" : Double.toString(e.getValue())).append(']');
            first = false;
        }
        put(params, "logit_bias", json.append(']').toString());
    }
}
