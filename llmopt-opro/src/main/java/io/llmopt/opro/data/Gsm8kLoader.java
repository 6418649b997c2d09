package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.data.NotUtf8Exception;
import io.llmopt.core.data.Utf8Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GSM8K, either as packaged by the OPRO authors ({@code gsm_train.tsv}: question TAB final answer,
 * further columns ignored) or as published upstream ({@code train.jsonl}: {@code question} and an
 * {@code answer} whose final number follows {@code #### }).
 */
public final class Gsm8kLoader {
    /** Data-set name used in example ids. */
    public static final String NAME = "gsm8k";

    private Gsm8kLoader() {
    }

    /** Reads the OPRO tsv; {@code part} is {@code train} or {@code test}. */
    public static Dataset loadTsv(Path file, String part) {
        List<Example> examples = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length < 2) {
                throw DatasetFormatException.at(file, i + 1, "missing field 'answer' (expected question TAB answer)");
            }
            examples.add(Example.of(NAME, part, examples.size(), columns[0], columns[1]));
        }
        return new Dataset(NAME, part, examples);
    }

    /** Reads upstream jsonl; the target is the number after {@code #### }, thousands separators removed. */
    public static Dataset loadJsonl(Path file, String part) {
        List<Example> examples = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node = Json.readLine(file, i + 1, lines.get(i));
            String question = Json.requiredText(node, "question", file, i + 1);
            String answer = Json.requiredText(node, "answer", file, i + 1);
            int mark = answer.lastIndexOf("#### ");
            if (mark < 0) {
                throw DatasetFormatException.at(file, i + 1, "answer has no final '#### ' line");
            }
            // The OPRO tsv holds the bare number; upstream writes e.g. "1,200".
            String target = answer.substring(mark + 5).strip().replace(",", "");
            examples.add(Example.of(NAME, part, examples.size(), question, target));
        }
        return new Dataset(NAME, part, examples);
    }

    /** The file's lines, read as strict UTF-8 with a byte-order mark dropped (as for CSV). */
    static List<String> readLines(Path file) {
        try {
            return Utf8Files.read(file).lines().toList();
        } catch (NotUtf8Exception e) {
            throw new DatasetFormatException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
