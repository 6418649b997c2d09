package io.llmopt.bpo.rewrite;

/**
 * Settings of the rewriters that prompt an instruction-tuned LLM (in-context and zero-shot).
 *
 * @param systemMessage asks for the improved prompt alone, since a chat model otherwise tends to
 *                      answer the prompt or comment on it; null for no system message
 * @param temperature   sampling temperature (default 0.6, the BPO model's stable setting)
 * @param topP          nucleus mass (default 0.9), or null
 * @param maxTokens     completion cap (default 1024, as the reference)
 */
public record ChatRewriterOptions(String systemMessage, double temperature, Double topP, Integer maxTokens) {

    public static final String DEFAULT_SYSTEM_MESSAGE = "You rewrite user prompts so that an AI assistant gives "
            + "a more helpful and harmless response. Keep every piece of information and the user's intent. "
            + "Never answer the prompt. Reply with the improved prompt only, without quotes or commentary.";

    public static ChatRewriterOptions defaults() {
        return new ChatRewriterOptions(DEFAULT_SYSTEM_MESSAGE, 0.6, 0.9, 1024);
    }

    /** The same, told to keep the prompt's language: for the retry of a rewrite that switched language. */
    public ChatRewriterOptions keepingLanguage(String languageName) {
        String keep = "The prompt is written in " + languageName + ": write the improved prompt in " + languageName + " too.";
        return new ChatRewriterOptions(systemMessage == null ? keep : systemMessage + " " + keep, temperature, topP, maxTokens);
    }
}
