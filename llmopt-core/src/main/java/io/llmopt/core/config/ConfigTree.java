package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration layer: a JSON tree plus where each of its values came from. Layers are merged
 * as trees (flags over environment over file over defaults) before anything is bound, so a
 * value's origin survives the merge and binding errors can still name the file and line.
 *
 * <p>Paths are dotted key paths ("models.gpt.max_concurrency"), list elements as "[i]".
 */
public final class ConfigTree {

    private final ObjectNode root;
    private final Map<String, Origin> origins;

    ConfigTree(ObjectNode root, Map<String, Origin> origins) {
        this.root = Objects.requireNonNull(root, "root");
        this.origins = Map.copyOf(origins);
    }

    public static ConfigTree empty() {
        return new ConfigTree(JsonNodeFactory.instance.objectNode(), Map.of());
    }

    /** A layer from a tree built in code (e.g. a CLI's flags); every value gets the same origin. */
    public static ConfigTree of(ObjectNode root, String source) {
        Map<String, Origin> origins = new HashMap<>();
        Origin origin = new Origin(source, 0);
        record(root, "", origin, origins);
        return new ConfigTree(root.deepCopy(), origins);
    }

    public ObjectNode root() {
        return root.deepCopy();
    }

    /** The node at a dotted path, or a missing node. */
    public JsonNode at(String path) {
        JsonNode node = root;
        if (path == null || path.isEmpty()) {
            return node;
        }
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    /** Where the value at {@code path} (or its nearest enclosing value) came from. */
    public Origin origin(String path) {
        String p = path == null ? "" : path;
        while (true) {
            Origin o = origins.get(p);
            if (o != null || p.isEmpty()) {
                return o;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** This layer with {@code over} laid on top: objects merge key by key, anything else is replaced. */
    public ConfigTree overlaidWith(ConfigTree over) {
        ObjectNode merged = root.deepCopy();
        Map<String, Origin> mergedOrigins = new HashMap<>(origins);
        merge(merged, over.root, "", over.origins, mergedOrigins);
        return new ConfigTree(merged, mergedOrigins);
    }

    /** A copy without the top-level {@code keys}. */
    ConfigTree without(Iterable<String> keys) {
        ObjectNode copy = root.deepCopy();
        keys.forEach(copy::remove);
        return new ConfigTree(copy, origins);
    }

    private static void merge(ObjectNode target, JsonNode over, String path, Map<String, Origin> overOrigins,
                              Map<String, Origin> out) {
        for (Map.Entry<String, JsonNode> field : over.properties()) {
            String key = field.getKey();
            String child = path.isEmpty() ? key : path + "." + key;
            JsonNode existing = target.get(key);
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode) {
                if (overOrigins.containsKey(child)) {
                    out.put(child, overOrigins.get(child));
                }
                merge(existingObject, value, child, overOrigins, out);
            } else {
                target.set(key, value.deepCopy());
                out.keySet().removeIf(p -> p.equals(child) || p.startsWith(child + ".") || p.startsWith(child + "["));
                overOrigins.forEach((p, o) -> {
                    if (p.equals(child) || p.startsWith(child + ".") || p.startsWith(child + "[")) {
                        out.put(p, o);
                    }
                });
            }
        }
    }

    private static void record(JsonNode node, String path, Origin origin, Map<String, Origin> out) {
        if (!path.isEmpty()) {
            out.put(path, origin);
        }
        if (node.isObject()) {
            node.properties().forEach(f -> record(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), origin, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                record(node.get(i), path + "[" + i + "]", origin, out);
            }
        }
    }
}
