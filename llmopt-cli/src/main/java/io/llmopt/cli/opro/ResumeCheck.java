package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses to resume a run with options that would change what it computes: a resumed run reuses
 * every stored step, so a different data set, split or meta-prompt setting would mix two
 * experiments in one. More steps are allowed: that is how a finished search is extended.
 */
final class ResumeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MAY_CHANGE = Set.of("steps", "command_line");

    private ResumeCheck() {
    }

    /**
     * @throws IllegalArgumentException naming the first options that differ
     */
    static void requireSameOptions(String runId, String storedConfigJson, JsonNode now) {
        JsonNode stored;
        try {
            stored = JSON.readTree(storedConfigJson);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + " has an unreadable configuration", e);
        }
        List<String> differences = new ArrayList<>();
        diff("", stored, now, differences);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " was started with other options ("
                    + String.join(", ", differences.subList(0, Math.min(3, differences.size())))
                    + "); resume it with the same options, or start a new run");
        }
    }

    private static void diff(String path, JsonNode stored, JsonNode now, List<String> out) {
        if (stored.isObject() && now.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = now.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (MAY_CHANGE.contains(f.getKey())) {
                    continue;
                }
                JsonNode before = stored.get(f.getKey());
                String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (before == null) {
                    continue; // options newer than the stored run: their defaults applied then too
                }
                diff(key, before, f.getValue(), out);
            }
        } else if (stored.isNumber() && now.isNumber()) {
            if (stored.decimalValue().compareTo(now.decimalValue()) != 0) {
                out.add(path + " " + stored + " -> " + now);
            }
        } else if (!stored.equals(now)) {
            out.add(path + " " + stored + " -> " + now);
        }
    }
}
