package io.llmopt.bpo.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.data.DataJson;
import io.llmopt.core.data.NotUtf8Exception;
import io.llmopt.core.data.Utf8Files;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON objects of a file that is either one JSON array or JSON Lines, telling them apart
 * by the first non-blank character. Entries that are not objects, and JSONL lines that do not
 * parse, become problems; the rest of the file is still read.
 */
final class JsonRecords {

    private static final ObjectMapper MAPPER = DataJson.mapper();

    /** The objects read and the problems met. */
    record Contents(List<JsonRecord> records, List<ReadProblem> problems) {

        /** Problems that stand for a skipped record (not the one for a file that broke off). */
        int skippedRecords() {
            return (int) problems.stream().filter(p -> p.location().recordIndex() >= 0).count();
        }
    }

    private JsonRecords() {
    }

    static Contents read(Path file) {
        try {
            String text = Utf8Files.read(file); // strict UTF-8, a byte-order mark dropped
            return text.stripLeading().startsWith("[") ? readArray(file, text) : readLines(file, text);
        } catch (NotUtf8Exception e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the line already
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Contents readArray(Path file, String text) throws IOException {
        List<JsonRecord> records = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        int index = 0;
        try (JsonParser parser = MAPPER.createParser(text)) {
            parser.nextToken(); // START_ARRAY
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    break;
                }
                long line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                SourceLocation where = new SourceLocation(file, line, index++);
                if (node != null && node.isObject()) {
                    records.add(new JsonRecord(node, where));
                } else {
                    problems.add(new ReadProblem(where, "expected a JSON object, found " + describe(node)));
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            problems.add(new ReadProblem(new SourceLocation(file, line, -1),
                    "invalid JSON, the rest of the file was not read: " + e.getOriginalMessage()));
        }
        return new Contents(records, problems);
    }

    private static Contents readLines(Path file, String text) throws IOException {
        List<JsonRecord> records = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        int index = 0;
        long lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                SourceLocation where = new SourceLocation(file, lineNumber, index++);
                try {
                    JsonNode node = MAPPER.readTree(line);
                    if (node != null && node.isObject()) {
                        records.add(new JsonRecord(node, where));
                    } else {
                        problems.add(new ReadProblem(where, "expected a JSON object, found " + describe(node)));
                    }
                } catch (StreamConstraintsException e) {
                    problems.add(new ReadProblem(where, DataJson.problem(e)));
                } catch (JsonProcessingException e) {
                    problems.add(new ReadProblem(where, "invalid JSON: " + e.getOriginalMessage()));
                }
            }
        }
        return new Contents(records, problems);
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase();
    }
}
