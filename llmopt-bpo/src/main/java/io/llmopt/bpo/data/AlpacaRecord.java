package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One record of an Alpaca-format instruction data set.
 *
 * @param id          the record's {@code id} field, or its index in the file
 * @param instruction the instruction
 * @param input       the optional input ("" when absent)
 * @param fields      the whole record as read, so a rewritten data set keeps every field
 */
public record AlpacaRecord(String id, String instruction, String input, ObjectNode fields) {

    public AlpacaRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        input = input == null ? "" : input;
        fields = fields.deepCopy();
    }

    /** The prompt a user would send: the instruction, and the input after a newline when there is one. */
    public String prompt() {
        return input.isBlank() ? instruction : (instruction + "\n" + input).strip();
    }

    /** A copy of the fields (the record itself stays unchanged). */
    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }
}
