package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.text.PythonText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** MultiArith ({@code MultiArith.json}): question {@code sQuestion} stripped, answer {@code int(lSolutions[0])}. */
public final class MultiArithLoader {
    /** Data-set name used in example ids. */
    public static final String NAME = "multiarith";

    private MultiArithLoader() {
    }

    public static Dataset load(Path file) {
        JsonNode root = Json.readFile(file);
        if (!root.isArray()) {
            throw DatasetFormatException.at(file, 1, "expected a JSON array of problems");
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode node : root) {
            int index = examples.size();
            JsonNode question = node.get("sQuestion");
            JsonNode solutions = node.get("lSolutions");
            if (question == null || solutions == null || solutions.isEmpty()) {
                throw DatasetFormatException.at(file, 1, "problem " + index + ": missing field '"
                        + (question == null ? "sQuestion" : "lSolutions") + "'");
            }
            // int() truncates towards zero, as the cast does.
            String target = Long.toString((long) solutions.get(0).asDouble());
            examples.add(Example.of(NAME, NAME, index, PythonText.strip(question.asText()), target));
        }
        return new Dataset(NAME, NAME, examples);
    }
}
