package io.llmopt.opro.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Instructions × columns (scorer model × data set) of accuracy, each cell with its 95% interval
 * and its paired comparison with the baseline (instruction 0) on the column's examples.
 *
 * <p>Its JSON form ({@link #toJson()}) is what a transfer run stores as its summary and writes as
 * {@code transfer.json}; the report and the dashboard read that form.
 *
 * @param instructions the instructions, the baseline first
 * @param columns      the columns, in the order they were asked for
 * @param cells        every instruction in every column
 */
public record TransferMatrix(List<String> instructions, List<Column> columns, List<TransferCell> cells) {

    /**
     * A column's label.
     *
     * @param model    the scorer model
     * @param dataset  the data set or task
     * @param split    the split scored
     * @param examples how many examples every cell of the column is over
     */
    public record Column(String model, String dataset, String split, int examples) {

        /** "model · dataset", as tables head the column. */
        public String title() {
            return model + " · " + dataset;
        }
    }

    public TransferMatrix {
        instructions = List.copyOf(instructions);
        columns = List.copyOf(columns);
        cells = List.copyOf(cells);
    }

    /** The cell of instruction {@code instruction} in column {@code column}. */
    public TransferCell cell(int instruction, int column) {
        for (TransferCell c : cells) {
            if (c.instruction() == instruction && c.column() == column) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cell for instruction " + instruction + " in column " + column);
    }

    /** The instruction with the highest accuracy in the column (the earliest listed on a tie); empty without cells. */
    public Optional<TransferCell> best(int column) {
        TransferCell best = null;
        for (TransferCell c : cells) {
            if (c.column() == column && (best == null || c.accuracy() > best.accuracy()
                    || (c.accuracy() == best.accuracy() && c.instruction() < best.instruction()))) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The stored and exported form: {instructions: [...], columns: [...], cells: [...], best: [...]}. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode ins = root.putArray("instructions");
        instructions.forEach(ins::add);
        ArrayNode cols = root.putArray("columns");
        for (Column c : columns) {
            cols.addObject().put("model", c.model()).put("dataset", c.dataset()).put("split", c.split())
                    .put("examples", c.examples());
        }
        ArrayNode cellArray = root.putArray("cells");
        for (TransferCell c : cells) {
            ObjectNode o = cellArray.addObject().put("instruction", c.instruction()).put("column", c.column())
                    .put("accuracy", c.accuracy()).put("correct", c.correct()).put("examples", c.examples())
                    .put("ci_lower", c.lower()).put("ci_upper", c.upper());
            if (!c.isBaseline()) {
                o.put("difference", c.difference()).put("only_baseline_correct", c.onlyBaselineCorrect())
                        .put("only_instruction_correct", c.onlyInstructionCorrect()).put("p_value", c.pValue());
            }
        }
        ArrayNode best = root.putArray("best");
        for (int i = 0; i < columns.size(); i++) {
            best(i).ifPresentOrElse(b -> best.add(b.instruction()), best::addNull);
        }
        return root;
    }

    /** Reads the form {@link #toJson()} writes. */
    public static TransferMatrix fromJson(JsonNode json) {
        Objects.requireNonNull(json, "json");
        List<String> instructions = new ArrayList<>();
        json.path("instructions").forEach(n -> instructions.add(n.asText()));
        List<Column> columns = new ArrayList<>();
        json.path("columns").forEach(n -> columns.add(new Column(n.path("model").asText(), n.path("dataset").asText(),
                n.path("split").asText(), n.path("examples").asInt())));
        List<TransferCell> cells = new ArrayList<>();
        for (JsonNode n : json.path("cells")) {
            boolean baseline = !n.has("difference");
            cells.add(new TransferCell(n.path("instruction").asInt(), n.path("column").asInt(),
                    n.path("accuracy").asDouble(), n.path("correct").asLong(), n.path("examples").asInt(),
                    n.path("ci_lower").asDouble(), n.path("ci_upper").asDouble(),
                    baseline ? null : n.path("difference").asDouble(),
                    baseline ? null : n.path("only_baseline_correct").asLong(),
                    baseline ? null : n.path("only_instruction_correct").asLong(),
                    baseline ? null : n.path("p_value").asDouble()));
        }
        return new TransferMatrix(instructions, columns, cells);
    }
}
