package io.llmopt.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML or JSON configuration file (chosen by extension) into a {@link ConfigTree},
 * remembering the line of every key. The tree is built token by token because Jackson's tree
 * model forgets locations; duplicate keys are refused rather than silently overwritten.
 */
public final class ConfigFileReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigFileReader() {
    }

    public static ConfigTree read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file not found; check the path (or --config)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file (" + e.getMessage() + "); check its permissions");
        }
        return parse(text, file.toString(), isJson(file));
    }

    /** Parses configuration text; {@code source} names it in errors. */
    public static ConfigTree parse(String text, String source, boolean json) {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        Map<String, Origin> origins = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return ConfigTree.empty();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(new Origin(source, p.currentLocation().getLineNr()).describe()
                        + ": the configuration must be a mapping of settings (e.g. 'models:', 'roles:')");
            }
            ObjectNode root = readObject(p, "", source, origins);
            return new ConfigTree(root, origins);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(new Origin(source, line).describe() + ": not valid " + (json ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read the configuration: " + e.getMessage(), e);
        }
    }

    static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static ObjectNode readObject(JsonParser p, String path, String source, Map<String, Origin> origins)
            throws IOException {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String child = path.isEmpty() ? key : path + "." + key;
            Origin origin = new Origin(source, p.currentTokenLocation().getLineNr());
            if (object.has(key)) {
                throw ConfigException.at(origin, child, "duplicate key; each setting may appear once");
            }
            origins.put(child, origin);
            p.nextToken();
            object.set(key, readValue(p, child, source, origins));
        }
        return object;
    }

    private static JsonNode readValue(JsonParser p, String path, String source, Map<String, Origin> origins)
            throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> readObject(p, path, source, origins);
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    origins.put(child, new Origin(source, p.currentTokenLocation().getLineNr()));
                    array.add(readValue(p, child, source, origins));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> integral(p);
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            // YAML 1.1 reads on/off/yes/no as booleans; "mode: off" must stay the word it is
            case VALUE_TRUE, VALUE_FALSE -> isBooleanWord(p.getText())
                    ? NODES.booleanNode(p.currentToken() == JsonToken.VALUE_TRUE) : NODES.textNode(p.getText());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(p.getText());
        };
    }

    static boolean isBooleanWord(String text) {
        return "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text);
    }

    private static JsonNode integral(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
        };
    }
}
