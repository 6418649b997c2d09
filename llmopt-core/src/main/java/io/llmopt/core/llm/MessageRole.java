package io.llmopt.core.llm;

/** The author of a chat message, as the chat-completions API names it. */
public enum MessageRole {
    SYSTEM("system"),
    USER("user"),
    ASSISTANT("assistant");

    private final String wireName;

    MessageRole(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used on the wire ("system", "user", "assistant"). */
    public String wireName() {
        return wireName;
    }

    public static MessageRole fromWire(String name) {
        for (MessageRole role : values()) {
            if (role.wireName.equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown message role '" + name + "' (expected system, user or assistant)");
    }
}
