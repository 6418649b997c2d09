package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a value given as text (an environment variable, a flag) the way the file would: "8" is a
 * number, "true" a boolean, "[a, b]" a list, anything else text. Strict binding then applies
 * to every layer alike.
 */
final class ScalarValues {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ScalarValues() {
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return TextNode.valueOf(text == null ? "" : text);
        }
        try {
            JsonNode node = YAML.readTree(text);
            // a colon in a value ("openai:gpt-4o") must stay text, never become a mapping
            if (node == null || node.isObject() || node.isMissingNode()) {
                return TextNode.valueOf(text);
            }
            return node.isBoolean() && !ConfigFileReader.isBooleanWord(text.strip()) ? TextNode.valueOf(text) : node;
        } catch (Exception e) {
            return TextNode.valueOf(text);
        }
    }
}
