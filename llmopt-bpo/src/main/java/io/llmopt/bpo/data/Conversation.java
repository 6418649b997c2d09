package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-turn exchange pulled out of a chosen/rejected field: the user's prompt (when the field
 * carries it) and the final assistant response.
 *
 * @param prompt   the user turn, or null when the field is a bare response
 * @param response the final assistant response
 */
record Conversation(String prompt, String response) {

    private static final String HUMAN = "Human:";
    private static final String ASSISTANT = "Assistant:";

    /** Thrown for a field that is neither text nor a usable message list. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /** Interprets a text (plain or HH-RLHF transcript) or a message list. */
    static Conversation from(JsonNode field, String fieldName) throws Unusable {
        if (field == null || field.isNull()) {
            throw new Unusable("field '" + fieldName + "' is missing");
        }
        if (field.isTextual()) {
            return fromText(field.asText(), fieldName);
        }
        if (field.isArray()) {
            return fromMessages(field, fieldName);
        }
        throw new Unusable("field '" + fieldName + "' must be text or a message list, found "
                + field.getNodeType().name().toLowerCase());
    }

    private static Conversation fromText(String text, String fieldName) throws Unusable {
        if (!isTranscript(text)) {
            return new Conversation(null, text);
        }
        List<String[]> turns = transcriptTurns(text);
        return single(turns, fieldName);
    }

    /** An HH-RLHF transcript starts with a Human turn (after optional blank lines) and has an Assistant turn. */
    private static boolean isTranscript(String text) {
        return text.stripLeading().startsWith(HUMAN) && text.contains("\n\n" + ASSISTANT);
    }

    /** Splits at "\n\nHuman:" and "\n\nAssistant:" markers into (role, text) turns. */
    private static List<String[]> transcriptTurns(String text) {
        String body = "\n\n" + text.stripLeading();
        List<String[]> turns = new ArrayList<>();
        int pos = 0;
        while (pos < body.length()) {
            String role = body.startsWith("\n\n" + HUMAN, pos) ? "user" : "assistant";
            int start = pos + 2 + (role.equals("user") ? HUMAN.length() : ASSISTANT.length());
            int next = nextMarker(body, start);
            turns.add(new String[] {role, body.substring(start, next).strip()});
            pos = next;
        }
        return turns;
    }

    private static int nextMarker(String body, int from) {
        int h = body.indexOf("\n\n" + HUMAN, from);
        int a = body.indexOf("\n\n" + ASSISTANT, from);
        if (h < 0 && a < 0) {
            return body.length();
        }
        if (h < 0) {
            return a;
        }
        return a < 0 ? h : Math.min(h, a);
    }

    private static Conversation fromMessages(JsonNode list, String fieldName) throws Unusable {
        List<String[]> turns = new ArrayList<>();
        for (JsonNode message : list) {
            JsonNode role = message.has("role") ? message.get("role") : message.get("from");
            JsonNode content = message.has("content") ? message.get("content") : message.get("value");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new Unusable("field '" + fieldName + "' has a message without text role and content");
            }
            turns.add(new String[] {normaliseRole(role.asText()), content.asText()});
        }
        return single(turns, fieldName);
    }

    private static String normaliseRole(String role) {
        return switch (role.toLowerCase()) {
            case "user", "human", "prompter" -> "user";
            case "assistant", "gpt", "bot", "model" -> "assistant";
            default -> role.toLowerCase();
        };
    }

    /**
     * BPO rewrites one prompt, so only a (user, assistant) exchange, or a lone assistant message,
     * is accepted; longer dialogues are reported rather than flattened into a guessed prompt.
     */
    private static Conversation single(List<String[]> turns, String fieldName) throws Unusable {
        List<String[]> dialogue = turns.stream().filter(t -> !t[0].equals("system")).toList();
        if (dialogue.isEmpty() || !dialogue.getLast()[0].equals("assistant")) {
            throw new Unusable("field '" + fieldName + "' does not end with an assistant response");
        }
        String response = dialogue.getLast()[1];
        if (dialogue.size() == 1) {
            return new Conversation(null, response);
        }
        if (dialogue.size() == 2 && dialogue.get(0)[0].equals("user")) {
            return new Conversation(dialogue.get(0)[1], response);
        }
        throw new Unusable("field '" + fieldName + "' is a multi-turn conversation (" + dialogue.size()
                + " turns); BPO optimizes single prompts");
    }
}
