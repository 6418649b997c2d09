package io.llmopt.opro.numeric.blackbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.llmopt.opro.numeric.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a search space from YAML or JSON (JSON by the {@code .json} extension, YAML otherwise):
 * <pre>
 * description: Tune the simulator's damping to minimize overshoot.
 * direction: minimize
 * parameters:
 *   damping:   {type: float, min: 0.0, max: 2.0}
 *   order:     {type: int, min: 1, max: 5}
 *   grid:      {type: float, min: 0, max: 1, step: 0.25}
 *   solver:    {type: categorical, choices: [euler, rk4]}
 *   comment:   {type: text, max_length: 80}
 * </pre>
 * Parsing is strict: unknown keys, missing keys and wrong types fail with one line naming the
 * file and the key, e.g. {@code space.yaml: parameters.damping.max: expected a number}.
 */
public final class SearchSpaceLoader {

    private static final Set<String> TOP_KEYS = Set.of("description", "direction", "parameters");

    private SearchSpaceLoader() {
    }

    public static SearchSpace load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SearchSpaceException(file + ": cannot read: " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        return parse(text, file.getFileName().toString(), json);
    }

    /** Parses text; {@code source} names it in error messages. */
    public static SearchSpace parse(String text, String source, boolean json) {
        JsonNode root;
        try {
            root = (json ? new ObjectMapper() : new YAMLMapper()).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new SearchSpaceException(source + ": not valid " + (json ? "JSON" : "YAML") + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        return new Reader(source).space(root);
    }

    private record Reader(String source) {

        SearchSpace space(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("", "expected a mapping with description, direction and parameters");
            }
            onlyKeys(root, "", TOP_KEYS);
            String description = text(root, "description", "");
            Direction direction;
            try {
                direction = Direction.parse(text(root, "direction", ""));
            } catch (IllegalArgumentException e) {
                throw fail("direction", e.getMessage());
            }
            JsonNode params = required(root, "parameters", "");
            if (!params.isObject() || params.isEmpty()) {
                throw fail("parameters", "expected a non-empty mapping of parameter names to definitions");
            }
            List<Parameter> parameters = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                parameters.add(parameter(e.getKey(), e.getValue(), "parameters." + e.getKey()));
            }
            return new SearchSpace(description, direction, parameters);
        }

        Parameter parameter(String name, JsonNode node, String path) {
            if (!node.isObject()) {
                throw fail(path, "expected a mapping with a type");
            }
            String type = text(node, "type", path + ".");
            try {
                return switch (type) {
                    case "float", "int" -> {
                        onlyKeys(node, path, Set.of("type", "min", "max", "step"));
                        Double step = node.has("step") ? number(node, "step", path + ".") : null;
                        yield new Parameter.Numeric(name, type.equals("int"), number(node, "min", path + "."),
                                number(node, "max", path + "."), step);
                    }
                    case "categorical" -> {
                        onlyKeys(node, path, Set.of("type", "choices"));
                        JsonNode choices = required(node, "choices", path + ".");
                        if (!choices.isArray() || choices.isEmpty()) {
                            throw fail(path + ".choices", "expected a non-empty list");
                        }
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < choices.size(); i++) {
                            if (!choices.get(i).isValueNode() || choices.get(i).isNull()) {
                                throw fail(path + ".choices[" + i + "]", "expected a scalar");
                            }
                            values.add(choices.get(i).asText());
                        }
                        if (values.stream().distinct().count() != values.size()) {
                            throw fail(path + ".choices", "choices must be distinct");
                        }
                        yield new Parameter.Categorical(name, values);
                    }
                    case "text" -> {
                        onlyKeys(node, path, Set.of("type", "max_length"));
                        int maxLength = node.has("max_length") ? (int) number(node, "max_length", path + ".") : 1000;
                        yield new Parameter.Text(name, maxLength);
                    }
                    default -> throw fail(path + ".type", "expected float, int, categorical or text, got '" + type + "'");
                };
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }

        void onlyKeys(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw fail(path.isEmpty() ? key : path + "." + key, "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        JsonNode required(JsonNode node, String key, String prefix) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw fail(prefix + key, "missing");
            }
            return value;
        }

        String text(JsonNode node, String key, String prefix) {
            JsonNode value = required(node, key, prefix);
            if (!value.isTextual()) {
                throw fail(prefix + key, "expected text");
            }
            return value.asText();
        }

        double number(JsonNode node, String key, String prefix) {
            JsonNode value = required(node, key, prefix);
            if (!value.isNumber()) {
                throw fail(prefix + key, "expected a number");
            }
            return value.asDouble();
        }

        SearchSpaceException fail(String key, String message) {
            return new SearchSpaceException(source + ": " + (key.isEmpty() ? "" : key + ": ") + message);
        }
    }
}
