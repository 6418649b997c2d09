package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment layer: {@code LLMOPT_ROLES_SCORER=gpt} sets {@code roles.scorer},
 * {@code LLMOPT_CACHE_MODE=off} sets {@code cache.mode}.
 *
 * <p>Underscores separate levels and also appear inside keys ({@code max_tokens}), so the name is
 * resolved against the keys that already exist in the lower layers: the longest run of words
 * naming an existing section is taken as that section. Only variables whose first words name a
 * known top-level key are read, so unrelated LLMOPT_* variables (LLMOPT_CONFIG, ...) are ignored;
 * {@code LLMOPT_CACHE_DIR} names the cache folder ({@link UserFolders}), not a {@code cache.dir} key.
 */
public final class EnvironmentLayer {

    public static final String PREFIX = "LLMOPT_";

    private EnvironmentLayer() {
    }

    /** Builds the layer from {@code env}, resolving names against {@code below} (defaults + file). */
    public static ConfigTree from(Map<String, String> env, ConfigTree below) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Map<String, Origin> origins = new HashMap<>();
        JsonNode shape = below.at("");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()
                    || name.equals(UserFolders.CACHE_DIR_VARIABLE)) {
                continue;
            }
            List<String> words = Arrays.asList(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_"));
            List<String> path = resolve(words, shape);
            if (path == null) {
                continue;
            }
            ObjectNode parent = root;
            StringBuilder dotted = new StringBuilder();
            for (int i = 0; i < path.size() - 1; i++) {
                dotted.append(i == 0 ? "" : ".").append(path.get(i));
                JsonNode child = parent.get(path.get(i));
                parent = child instanceof ObjectNode o ? o : parent.putObject(path.get(i));
            }
            String leaf = path.get(path.size() - 1);
            dotted.append(path.size() == 1 ? "" : ".").append(leaf);
            parent.set(leaf, ScalarValues.parse(e.getValue()));
            origins.put(dotted.toString(), new Origin("environment " + name, 0));
        }
        return new ConfigTree(root, origins);
    }

    /** The key path the words name, or null when the first words name no top-level key. */
    static List<String> resolve(List<String> words, JsonNode shape) {
        java.util.ArrayList<String> path = new java.util.ArrayList<>();
        JsonNode node = shape;
        int i = 0;
        while (i < words.size()) {
            int match = -1;
            for (int j = words.size(); j > i; j--) {
                String key = String.join("_", words.subList(i, j));
                if (node != null && node.has(key) && (node.get(key).isObject() || j == words.size())) {
                    match = j;
                    break;
                }
            }
            if (match < 0) {
                if (path.isEmpty()) {
                    return null;
                }
                path.add(String.join("_", words.subList(i, words.size())));
                return path;
            }
            String key = String.join("_", words.subList(i, match));
            path.add(key);
            node = node.get(key);
            i = match;
        }
        return path;
    }
}
