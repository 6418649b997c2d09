package io.llmopt.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds a configuration section to a record, strictly: unknown keys, wrong types and text where a
 * number belongs are errors, never silently ignored or coerced. Keys are snake_case in the file
 * and camelCase in the record ({@code max_concurrency} binds {@code maxConcurrency}).
 *
 * <p>Any module binds its own section the same way: {@code ConfigBinder.bind(tree, "opro",
 * OproSection.class)}; errors name the file and line (or the environment variable or flag), the
 * key path and what was expected.
 */
public final class ConfigBinder {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ConfigBinder() {
    }

    /** Binds the section at {@code path} of a merged configuration ("" for the whole tree). */
    public static <T> T bind(ConfigTree tree, String path, Class<T> type) {
        JsonNode node = tree.at(path);
        if (node.isMissingNode() || node.isNull()) {
            node = STRICT.createObjectNode();
        }
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String full = join(path, pathOf(e));
            throw ConfigException.at(tree.origin(full), full, problem(e, valueAt(tree.at(""), full)));
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(tree.origin(path), path, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ConfigException.at(tree.origin(path), path, e.getOriginalMessage());
        }
    }

    /** Binds a bare tree; {@code source} names it in errors (no line numbers). */
    public static <T> T bind(JsonNode node, Class<T> type, String source) {
        Objects.requireNonNull(node, "node");
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new ConfigException(source + ": expected a mapping of settings");
        }
        return bind(ConfigTree.of(object, source), "", type);
    }

    private static String join(String base, String rest) {
        if (base == null || base.isEmpty()) {
            return rest;
        }
        if (rest.isEmpty()) {
            return base;
        }
        return rest.startsWith("[") ? base + rest : base + "." + rest;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The node at a path such as "models.gpt.endpoints[0]", or a missing node. */
    private static JsonNode valueAt(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            String key = part;
            int bracket = key.indexOf('[');
            String rest = bracket < 0 ? "" : key.substring(bracket);
            key = bracket < 0 ? key : key.substring(0, bracket);
            if (!key.isEmpty()) {
                node = node.path(key);
            }
            for (String index : rest.replace("]", "").split("\\[")) {
                if (!index.isEmpty()) {
                    node = node.path(Integer.parseInt(index));
                }
            }
        }
        return node;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.toString();
    }

    private static String problem(JsonMappingException e, JsonNode value) {
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String expected = known == null || known.isEmpty() ? "" : "; expected one of: "
                    + known.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "'" + expected;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return String.valueOf(v.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f) {
            return "got " + describeValue(f.getValue()) + ", expected " + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String got = value.isMissingNode() ? "" : "got " + describe(value) + ", ";
            return got + "expected " + expected(m.getTargetType());
        }
        return e.getOriginalMessage().lines().findFirst().orElse("invalid value");
    }

    private static String describeValue(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** What a user should write for a Java type, in the file's words. */
    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> wireName((Enum<?>) c))
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping of settings" : type.getSimpleName();
    }

    private static String wireName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
