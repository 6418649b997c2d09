package io.llmopt.opro.numeric.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.opro.numeric.blackbox.Candidate;
import io.llmopt.opro.numeric.linreg.WbPair;
import io.llmopt.opro.numeric.tsp.Tour;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The codecs of the bundled problems. */
public final class SolutionCodecs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SolutionCodecs() {
    }

    /** A (w, b) pair as {@code [w, b]}. */
    public static SolutionCodec<WbPair> wbPair() {
        return new SolutionCodec<>() {
            @Override
            public JsonNode toJson(WbPair pair) {
                return NODES.arrayNode().add(pair.w()).add(pair.b());
            }

            @Override
            public WbPair fromJson(JsonNode json) {
                if (!json.isArray() || json.size() != 2 || !json.get(0).canConvertToLong() || !json.get(1).canConvertToLong()) {
                    throw new IllegalArgumentException("expected [w, b] as two integers, got " + json);
                }
                return new WbPair(json.get(0).asLong(), json.get(1).asLong());
            }
        };
    }

    /** A tour as the list of point ids in visiting order. */
    public static SolutionCodec<Tour> tour() {
        return new SolutionCodec<>() {
            @Override
            public JsonNode toJson(Tour tour) {
                ArrayNode ids = NODES.arrayNode();
                for (int id : tour.order()) {
                    ids.add(id);
                }
                return ids;
            }

            @Override
            public Tour fromJson(JsonNode json) {
                if (!json.isArray() || json.isEmpty()) {
                    throw new IllegalArgumentException("expected a non-empty list of point ids, got " + json);
                }
                int[] order = new int[json.size()];
                for (int i = 0; i < order.length; i++) {
                    if (!json.get(i).canConvertToInt()) {
                        throw new IllegalArgumentException("expected integer point ids, got " + json);
                    }
                    order[i] = json.get(i).asInt();
                }
                return new Tour(order);
            }
        };
    }

    /** A black-box candidate as the JSON object the objective receives. */
    public static SolutionCodec<Candidate> candidate() {
        return new SolutionCodec<>() {
            @Override
            public JsonNode toJson(Candidate candidate) {
                ObjectNode object = NODES.objectNode();
                candidate.values().forEach((name, value) -> {
                    switch (value) {
                        case Long l -> object.put(name, l);
                        case Number n -> object.put(name, n.doubleValue());
                        case Boolean b -> object.put(name, b);
                        default -> object.put(name, String.valueOf(value));
                    }
                });
                return object;
            }

            @Override
            public Candidate fromJson(JsonNode json) {
                if (!json.isObject()) {
                    throw new IllegalArgumentException("expected an object of parameter values, got " + json);
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode v = field.getValue();
                    values.put(field.getKey(), v.isIntegralNumber() ? (Object) v.asLong()
                            : v.isNumber() ? (Object) v.asDouble()
                            : v.isBoolean() ? (Object) v.asBoolean()
                            : v.asText());
                }
                return new Candidate(values);
            }
        };
    }
}
