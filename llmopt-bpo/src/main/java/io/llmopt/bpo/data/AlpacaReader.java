package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Alpaca-format data set ({@code instruction}, optional {@code input}, {@code output}) from
 * a JSON array or JSON Lines file. Records without a text instruction are skipped and reported.
 */
public final class AlpacaReader {

    private AlpacaReader() {
    }

    public static ReadResult<AlpacaRecord> read(Path file) {
        JsonRecords.Contents contents = JsonRecords.read(file);
        List<AlpacaRecord> out = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>(contents.problems());
        int skipped = contents.skippedRecords();
        for (JsonRecord raw : contents.records()) {
            JsonNode node = raw.node();
            JsonNode instruction = node.get("instruction");
            if (instruction == null || !instruction.isTextual() || instruction.asText().isBlank()) {
                problems.add(new ReadProblem(raw.location(), "field 'instruction' is missing, empty or not text"));
                skipped++;
                continue;
            }
            JsonNode input = node.get("input");
            String id = node.hasNonNull("id") && node.get("id").isValueNode() ? node.get("id").asText()
                    : Integer.toString(raw.location().recordIndex());
            out.add(new AlpacaRecord(id, instruction.asText(), input != null && input.isTextual() ? input.asText() : "",
                    (ObjectNode) node));
        }
        problems.sort((a, b) -> Long.compare(a.location().line(), b.location().line()));
        return new ReadResult<>(out, new ReadReport(file, out.size(), skipped, problems));
    }
}
