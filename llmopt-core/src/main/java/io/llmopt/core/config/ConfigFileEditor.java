package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Adds a named model to a configuration file, for commands that make a model (a fine-tuned
 * rewriter) and hand it to the user by name. A YAML file is edited as text, so its comments and
 * layout stay as they were; a JSON file is rewritten. The result is parsed back before it is kept:
 * a file the edit would break is left as it was, and the error shows the lines to add by hand.
 */
public final class ConfigFileEditor {

    private ConfigFileEditor() {
    }

    /**
     * Makes {@code models.NAME.spec} be {@code spec} in {@code file} (created when missing). Adding
     * the same model again changes nothing; a name already taken by another spec is an error.
     */
    public static void addModel(Path file, String name, String spec) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("a model name may hold letters, digits, '_' and '-'; got '" + name + "'");
        }
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "models:\n" + yamlEntry(name, spec, "  "), StandardCharsets.UTF_8);
                return;
            }
            String before = Files.readString(file, StandardCharsets.UTF_8);
            boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            JsonNode existing = ConfigFileReader.parse(before, file.toString(), json).at("models." + name + ".spec");
            if (existing != null && !existing.isMissingNode() && !existing.isNull()) {
                if (existing.asText().equals(spec)) {
                    return;
                }
                throw new ConfigException(file + ": models." + name + " is already " + existing.asText()
                        + "; choose another name");
            }
            String after = json ? jsonWith(before, file, name, spec) : yamlWith(before, name, spec);
            JsonNode check = ConfigFileReader.parse(after, file.toString(), json).at("models." + name + ".spec");
            if (check == null || !spec.equals(check.asText())) {
                throw new ConfigException(file + ": could not add the model automatically; add these lines under models:\n"
                        + yamlEntry(name, spec, "  "));
            }
            Files.writeString(file, after, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private static String yamlWith(String text, String name, String spec) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("models:\\s*(#.*)?")) {
                String indent = "  ";
                for (int j = i + 1; j < lines.size(); j++) {
                    String next = lines.get(j);
                    if (!next.isBlank() && !next.strip().startsWith("#")) {
                        int spaces = next.length() - next.stripLeading().length();
                        if (spaces > 0) {
                            indent = next.substring(0, spaces);
                        }
                        break;
                    }
                }
                lines.add(i + 1, yamlEntry(name, spec, indent).stripTrailing());
                return String.join("\n", lines);
            }
        }
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "models:\n" + yamlEntry(name, spec, "  ");
    }

    private static String jsonWith(String text, Path file, String name, String spec) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode root = mapper.readTree(text);
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException(file + ": not a JSON object");
        }
        JsonNode models = object.get("models");
        ObjectNode target = models instanceof ObjectNode o ? o : object.putObject("models");
        target.putObject(name).put("spec", spec);
        return mapper.writeValueAsString(object) + "\n";
    }

    private static String yamlEntry(String name, String spec, String indent) {
        String quoted = "\"" + spec.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return indent + name + ":\n" + indent + indent + "spec: " + quoted + "\n";
    }
}
