package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.data.DataJson;
import io.llmopt.core.data.NotUtf8Exception;
import io.llmopt.core.data.Utf8Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON mapper the loaders share. */
final class Json {
    static final ObjectMapper MAPPER = DataJson.mapper();

    private Json() {
    }

    static JsonNode readFile(Path file) {
        try {
            return MAPPER.readTree(Utf8Files.read(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DatasetFormatException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (NotUtf8Exception e) {
            throw new DatasetFormatException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readLine(Path file, int line, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw DatasetFormatException.at(file, line, DataJson.problem(e));
        }
    }

    static String requiredText(JsonNode node, String field, Path file, int line) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw DatasetFormatException.at(file, line, "missing field '" + field + "'");
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
