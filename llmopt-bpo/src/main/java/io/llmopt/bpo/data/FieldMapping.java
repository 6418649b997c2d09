package io.llmopt.bpo.data;

import java.util.Objects;

/**
 * Which JSON fields of a record hold the instruction, context, good and bad response and id.
 *
 * <p>The good and bad fields may hold plain text, an HH-RLHF transcript
 * ({@code "\n\nHuman: ...\n\nAssistant: ..."}) or a message list ({@code [{role, content}]}); when
 * the instruction field is absent the instruction is taken from the transcript or messages.
 *
 * @param instruction field of the instruction (or prompt)
 * @param context     field of the context, or null when records have none
 * @param good        field of the preferred response
 * @param bad         field of the dispreferred response
 * @param id          field of the record id, or null to identify records by content
 */
public record FieldMapping(String instruction, String context, String good, String bad, String id) {

    public FieldMapping {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(good, "good");
        Objects.requireNonNull(bad, "bad");
    }

    /** The BPO release's fields: instruction, context, good_res, bad_res. */
    public static FieldMapping bpo() {
        return new FieldMapping("instruction", "context", "good_res", "bad_res", null);
    }

    /** HH-RLHF and UltraFeedback-style fields: prompt, chosen, rejected. */
    public static FieldMapping chosenRejected() {
        return new FieldMapping("prompt", null, "chosen", "rejected", null);
    }

    public FieldMapping withInstruction(String instructionField) {
        return new FieldMapping(instructionField, context, good, bad, id);
    }

    public FieldMapping withId(String idField) {
        return new FieldMapping(instruction, context, good, bad, idField);
    }
}
