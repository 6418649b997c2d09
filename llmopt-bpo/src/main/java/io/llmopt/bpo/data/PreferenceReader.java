package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads preference records from a JSON array or JSON Lines file.
 *
 * <p>{@link #auto()} recognises each record by its fields: {@code good_res}/{@code bad_res} (the
 * BPO form, with the instruction in {@code instruction}, or in {@code prompt} as in BPO's
 * {@code bpo_test.json}, whose {@code optimized_prompt} is not read: see docs/bpo.md), or {@code chosen}/{@code rejected} (HH-RLHF, where both are transcripts sharing the
 * prompt, and UltraFeedback-style data with a {@code prompt} and message lists).
 * {@link #withMapping} reads user-named fields. Records that cannot be used are skipped and listed
 * in the report with file, line and index.
 */
public final class PreferenceReader {

    private final FieldMapping mapping;

    private PreferenceReader(FieldMapping mapping) {
        this.mapping = mapping;
    }

    /** Chooses the BPO or the chosen/rejected fields record by record. */
    public static PreferenceReader auto() {
        return new PreferenceReader(null);
    }

    /** Reads the given fields from every record. */
    public static PreferenceReader withMapping(FieldMapping mapping) {
        return new PreferenceReader(Objects.requireNonNull(mapping, "mapping"));
    }

    public ReadResult<PreferenceRecord> read(Path file) {
        JsonRecords.Contents contents = JsonRecords.read(file);
        List<PreferenceRecord> records = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>(contents.problems());
        int skipped = contents.skippedRecords();
        for (JsonRecord raw : contents.records()) {
            try {
                records.add(convert(raw));
            } catch (Conversation.Unusable e) {
                problems.add(new ReadProblem(raw.location(), e.getMessage()));
                skipped++;
            }
        }
        problems.sort((a, b) -> Long.compare(a.location().line(), b.location().line()));
        return new ReadResult<>(records, new ReadReport(file, records.size(), skipped, problems));
    }

    private PreferenceRecord convert(JsonRecord raw) throws Conversation.Unusable {
        JsonNode node = raw.node();
        FieldMapping fields = mapping != null ? mapping : detect(node);
        Conversation good = Conversation.from(node.get(fields.good()), fields.good());
        Conversation bad = Conversation.from(node.get(fields.bad()), fields.bad());

        if (node.hasNonNull(fields.instruction()) && !node.get(fields.instruction()).isTextual()) {
            throw new Conversation.Unusable("field '" + fields.instruction() + "' must be text");
        }
        String instruction = text(node, fields.instruction());
        if (instruction == null) {
            if (good.prompt() == null && bad.prompt() == null) {
                throw new Conversation.Unusable("no instruction: field '" + fields.instruction()
                        + "' is missing and the responses carry no user turn");
            }
            if (good.prompt() != null && bad.prompt() != null && !good.prompt().equals(bad.prompt())) {
                throw new Conversation.Unusable("'" + fields.good() + "' and '" + fields.bad()
                        + "' answer different prompts");
            }
            instruction = good.prompt() != null ? good.prompt() : bad.prompt();
        }
        if (instruction.isBlank()) {
            throw new Conversation.Unusable("the instruction is empty");
        }
        if (good.response().isBlank() || bad.response().isBlank()) {
            throw new Conversation.Unusable("a response is empty");
        }
        String context = fields.context() == null ? null : text(node, fields.context());
        if (fields.context() != null && node.hasNonNull(fields.context()) && context == null) {
            throw new Conversation.Unusable("field '" + fields.context() + "' must be text");
        }
        String id = idOf(node, fields);
        if (id == null) {
            id = PreferenceRecord.contentId(instruction, context, good.response(), bad.response());
        }
        return new PreferenceRecord(id, instruction, context, good.response(), bad.response(), raw.location());
    }

    private static FieldMapping detect(JsonNode node) throws Conversation.Unusable {
        if (node.has("good_res") || node.has("bad_res")) {
            FieldMapping bpo = FieldMapping.bpo().withId(node.has("id") ? "id" : null);
            // BPO's own test set (bpo_test.json) names the instruction 'prompt' (next to 'optimized_prompt')
            return !node.has("instruction") && node.has("prompt") ? bpo.withInstruction("prompt") : bpo;
        }
        if (node.has("chosen") || node.has("rejected")) {
            return FieldMapping.chosenRejected().withId(node.has("id") ? "id" : null);
        }
        throw new Conversation.Unusable("neither good_res/bad_res nor chosen/rejected fields; fields present: "
                + iterable(node));
    }

    private static String idOf(JsonNode node, FieldMapping fields) throws Conversation.Unusable {
        if (fields.id() == null || !node.hasNonNull(fields.id())) {
            return null;
        }
        JsonNode id = node.get(fields.id());
        if (!id.isValueNode()) {
            throw new Conversation.Unusable("id field '" + fields.id() + "' must be text or a number");
        }
        return id.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
