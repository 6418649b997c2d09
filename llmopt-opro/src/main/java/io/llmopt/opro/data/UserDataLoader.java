package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's own data: JSONL (one object a line) or CSV (a header row names the fields), chosen by
 * the file extension. A malformed line stops loading with one line naming the file, the line and
 * what is wrong; a multiple-choice answer must be one of the options (given as its letter, as
 * {@code (B)}, or as the option's text) and is stored as the letter.
 */
public final class UserDataLoader {
    private UserDataLoader() {
    }

    /** Loads {@code file}; the data set and task are named after the file. */
    public static Dataset load(Path file, UserDataFormat format) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String task = dot > 0 ? name.substring(0, dot) : name;
        List<Example> examples;
        if (lower.endsWith(".csv")) {
            examples = loadCsv(file, format, task);
        } else if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            examples = loadJsonl(file, format, task);
        } else {
            throw new DatasetFormatException(file + ": unknown data format (expected .jsonl or .csv)");
        }
        if (examples.isEmpty()) {
            throw new DatasetFormatException(file + ": no examples");
        }
        return new Dataset(task, task, examples);
    }

    private static List<Example> loadJsonl(Path file, UserDataFormat format, String task) {
        List<String> lines = Gsm8kLoader.readLines(file);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            JsonNode node = Json.readLine(file, lineNo, lines.get(i));
            if (!node.isObject()) {
                throw DatasetFormatException.at(file, lineNo, "expected a JSON object");
            }
            String question = Json.requiredText(node, format.questionField(), file, lineNo);
            String answer = Json.requiredText(node, format.answerField(), file, lineNo);
            Map<String, String> options = Map.of();
            if (format.optionsField() != null) {
                JsonNode raw = node.get(format.optionsField());
                if (raw == null || raw.isNull()) {
                    throw DatasetFormatException.at(file, lineNo, "missing field '" + format.optionsField() + "'");
                }
                options = options(raw, file, lineNo, format.optionsField());
            }
            examples.add(example(task, examples.size(), question, answer, options, file, lineNo));
        }
        return examples;
    }

    private static List<Example> loadCsv(Path file, UserDataFormat format, String task) {
        List<CsvRecords.CsvRecord> records = CsvRecords.read(file);
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0).fields();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip(), i);
        }
        for (String field : new String[] {format.questionField(), format.answerField(), format.optionsField()}) {
            if (field != null && !column.containsKey(field)) {
                throw DatasetFormatException.at(file, 1, "missing field '" + field + "' in the header");
            }
        }
        List<Example> examples = new ArrayList<>();
        for (CsvRecords.CsvRecord record : records.subList(1, records.size())) {
            String question = cell(record, column.get(format.questionField()), format.questionField(), file);
            String answer = cell(record, column.get(format.answerField()), format.answerField(), file);
            Map<String, String> options = Map.of();
            if (format.optionsField() != null) {
                String raw = cell(record, column.get(format.optionsField()), format.optionsField(), file);
                options = options(Json.readLine(file, record.line(), raw), file, record.line(), format.optionsField());
            }
            examples.add(example(task, examples.size(), question, answer, options, file, record.line()));
        }
        return examples;
    }

    private static String cell(CsvRecords.CsvRecord record, int column, String field, Path file) {
        if (column >= record.fields().size() || record.fields().get(column).isEmpty()) {
            throw DatasetFormatException.at(file, record.line(), "missing field '" + field + "'");
        }
        return record.fields().get(column);
    }

    private static Map<String, String> options(JsonNode raw, Path file, int line, String field) {
        Map<String, String> options = new LinkedHashMap<>();
        if (raw.isObject()) {
            raw.properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        } else if (raw.isArray()) {
            List<String> texts = new ArrayList<>();
            raw.forEach(o -> texts.add(o.asText()));
            options.putAll(MultipleChoice.lettered(texts));
        } else {
            throw DatasetFormatException.at(file, line, "field '" + field + "' must be a JSON object or array of options");
        }
        if (options.isEmpty()) {
            throw DatasetFormatException.at(file, line, "field '" + field + "' has no options");
        }
        return options;
    }

    private static Example example(String task, int index, String question, String answer,
                                   Map<String, String> options, Path file, int line) {
        if (options.isEmpty()) {
            return Example.of("user", task, index, question, answer);
        }
        String letter = optionLetter(answer, options);
        if (letter == null) {
            throw DatasetFormatException.at(file, line, "answer '" + answer + "' is not among the options "
                    + String.join(", ", options.keySet()));
        }
        return new Example(Example.idOf("user", task, index), task, MultipleChoice.render(question, options),
                letter, options, index);
    }

    private static String optionLetter(String answer, Map<String, String> options) {
        String bare = answer.strip();
        if (bare.length() > 2 && bare.startsWith("(") && bare.endsWith(")")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        for (String letter : options.keySet()) {
            if (letter.equalsIgnoreCase(bare)) {
                return letter;
            }
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getValue().strip().equals(answer.strip())) {
                return option.getKey();
            }
        }
        return null;
    }
}
