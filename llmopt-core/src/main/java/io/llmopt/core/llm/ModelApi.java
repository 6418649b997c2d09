package io.llmopt.core.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Which OpenAI-compatible API a model speaks: {@code /v1/chat/completions} (messages in; the server
 * applies the model's chat template) or {@code /v1/completions} (a raw prompt in, sent as is).
 * Part of every cache key, since the same text through the two APIs reaches the model differently.
 */
public enum ModelApi {
    // the names a configuration file uses (models.NAME.api: completions)
    @JsonProperty("chat") CHAT("chat"),
    @JsonProperty("completions") COMPLETIONS("completions");

    private final String wireName;

    ModelApi(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in a configuration ({@code api: chat}) or a spec ({@code ?api=completions}). */
    public String wireName() {
        return wireName;
    }

    /** Parses "chat" or "completions" (any case); throws with the accepted words otherwise. */
    public static ModelApi parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (ModelApi api : values()) {
                if (api.wireName.equals(t)) {
                    return api;
                }
            }
        }
        throw new IllegalArgumentException("api must be chat or completions, got \"" + text + "\"");
    }
}
