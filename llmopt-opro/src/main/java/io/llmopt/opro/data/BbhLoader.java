package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIG-Bench Hard: one {@code <task>.json} per task, {@code {"examples": [{"input", "target"}]}}.
 * The question is the input unchanged (it already lists the options of multiple-choice tasks,
 * which are also parsed into {@link Example#options()}).
 */
public final class BbhLoader {
    /** Data-set name used in example ids. */
    public static final String NAME = "bbh";

    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^\\(([A-Z])\\) ?(.*)$");

    private BbhLoader() {
    }

    /** One task from {@code folder/<task>.json}. */
    public static Dataset load(Path folder, String task) {
        return loadFile(folder.resolve(task + ".json"), task);
    }

    /** Several tasks, concatenated in the given order (as the reference concatenates them). */
    public static Dataset load(Path folder, List<String> tasks) {
        List<Dataset> parts = new ArrayList<>();
        for (String task : tasks) {
            parts.add(load(folder, task));
        }
        return Dataset.concat(NAME, String.join(",", tasks), parts);
    }

    /** All 27 tasks. */
    public static Dataset loadAll(Path folder) {
        return load(folder, BbhTasks.ALL);
    }

    /** One task from a file of any name. */
    public static Dataset loadFile(Path file, String task) {
        BbhTasks.requireKnown(task);
        JsonNode examples = Json.readFile(file).get("examples");
        if (examples == null || !examples.isArray()) {
            throw DatasetFormatException.at(file, 1, "missing field 'examples'");
        }
        List<Example> list = new ArrayList<>();
        for (JsonNode node : examples) {
            int index = list.size();
            String where = "example " + index;
            if (!node.hasNonNull("input") || !node.hasNonNull("target")) {
                throw DatasetFormatException.at(file, 1, where + ": missing field '"
                        + (node.hasNonNull("input") ? "target" : "input") + "'");
            }
            String input = node.get("input").asText();
            Map<String, String> options = BbhTasks.MULTIPLE_CHOICE.contains(task) ? options(input) : Map.of();
            list.add(new Example(Example.idOf(NAME, task, index), task, input, node.get("target").asText(),
                    options, index));
        }
        return new Dataset(NAME, task, list);
    }

    private static Map<String, String> options(String input) {
        int start = input.lastIndexOf("Options:");
        Map<String, String> options = new LinkedHashMap<>();
        if (start < 0) {
            return options;
        }
        Matcher m = OPTION_LINE.matcher(input.substring(start));
        while (m.find()) {
            options.put(m.group(1), m.group(2));
        }
        return options;
    }
}
