package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AQuA ({@code AQuA.json}, one JSON object a line). The question shown is the reference's:
 * {@code question}, then {@code \n(} + each option as given ({@code A)21} becomes {@code (A)21}),
 * then {@code \nWhat's the answer in (A) (B) (C) (D) (E)?}; the target is {@code correct}.
 */
public final class AquaLoader {
    /** Data-set name used in example ids. */
    public static final String NAME = "aqua";

    private AquaLoader() {
    }

    public static Dataset load(Path file) {
        List<String> lines = Gsm8kLoader.readLines(file);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            JsonNode node = Json.readLine(file, lineNo, lines.get(i));
            String question = Json.requiredText(node, "question", file, lineNo);
            String correct = Json.requiredText(node, "correct", file, lineNo);
            JsonNode rawOptions = node.get("options");
            if (rawOptions == null || !rawOptions.isArray()) {
                throw DatasetFormatException.at(file, lineNo, "missing field 'options'");
            }
            StringBuilder text = new StringBuilder(question);
            Map<String, String> options = new LinkedHashMap<>();
            for (JsonNode option : rawOptions) {
                String raw = option.asText();
                text.append("\n(").append(raw);
                int close = raw.indexOf(')');
                if (close > 0) {
                    options.put(raw.substring(0, close), raw.substring(close + 1));
                }
            }
            text.append("\nWhat's the answer in (A) (B) (C) (D) (E)?");
            int index = examples.size();
            examples.add(new Example(Example.idOf(NAME, NAME, index), NAME, text.toString(), correct, options, index));
        }
        return new Dataset(NAME, NAME, examples);
    }
}
