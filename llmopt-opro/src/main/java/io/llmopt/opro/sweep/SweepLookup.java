package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the sweep that running a sweep file again continues: the newest sweep run in the store
 * whose recorded configuration (the file's grid, the data and the command's settings) is the same,
 * whatever command line started it.
 */
public final class SweepLookup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND_LINE = "command_line";

    private SweepLookup() {
    }

    public static Optional<RunRecord> sameSweep(RunStore store, JsonNode sweepConfig) {
        // as stored: through its text, so a long and an int of the same value compare equal
        JsonNode wanted = withoutCommandLine(read(sweepConfig.toString()));
        return store.runs().stream() // newest first
                .filter(r -> RunKinds.OPRO_SWEEP.equals(r.kind()))
                .filter(r -> withoutCommandLine(read(r.configJson())).equals(wanted))
                .findFirst();
    }

    private static JsonNode withoutCommandLine(JsonNode config) {
        if (config instanceof ObjectNode object && object.has(COMMAND_LINE)) {
            ObjectNode copy = object.deepCopy();
            copy.remove(COMMAND_LINE);
            return copy;
        }
        return config;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
