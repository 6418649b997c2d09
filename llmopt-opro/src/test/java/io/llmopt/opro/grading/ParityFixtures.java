package io.llmopt.opro.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the JSONL grading fixtures of this package. */
final class ParityFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParityFixtures() {
    }

    static List<Arguments> load(String resource) {
        List<Arguments> cases = new ArrayList<>();
        try (var in = Objects.requireNonNull(ParityFixtures.class.getResourceAsStream(resource), resource);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    cases.add(Arguments.of(number, JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** "gsm8k", "mmlu", "bbh:navigate"; a "+boxed" suffix turns on the reference's GPT \boxed{} rule. */
    static GradingSettings settings(String key) {
        boolean boxed = key.endsWith("+boxed");
        String name = boxed ? key.substring(0, key.length() - "+boxed".length()) : key;
        GradingSettings settings = name.startsWith("bbh:")
                ? GradingCatalog.forBbhTask(name.substring(4)) : GradingCatalog.forDataset(name);
        return settings.withBoxedAnswers(boxed);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
