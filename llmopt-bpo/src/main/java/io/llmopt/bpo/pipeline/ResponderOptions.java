package io.llmopt.bpo.pipeline;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelApi;

/**
 * How the responder answers a prompt.
 *
 * @param systemMessage  a system message, or null for none (the prompt alone, as a user would send it)
 * @param temperature    sampling temperature; 0 by default so that a re-run reproduces the responses
 * @param topP           nucleus mass, or null for the server default
 * @param maxTokens      completion cap, or null for the server default
 * @param promptTemplate for a responder that speaks the completions API: the raw prompt, with
 *                       {@value #PLACEHOLDER} standing for the (stripped) prompt; null for none. A chat
 *                       responder gets the prompt as a user message whatever this says, since its
 *                       server applies the chat template itself.
 */
public record ResponderOptions(String systemMessage, double temperature, Double topP, Integer maxTokens,
        String promptTemplate) {

    /** Where the prompt goes in {@link #promptTemplate}. */
    public static final String PLACEHOLDER = "{prompt}";
    /** The reference's llama2_infer.py template for Llama-2-chat responders ({@code "[INST] {} [/INST]"}). */
    public static final String LLAMA2_INST = "[INST] " + PLACEHOLDER + " [/INST]";

    public ResponderOptions {
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("the responder's temperature must be between 0 and 2, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("the responder's top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("the responder's max tokens must be at least 1, got " + maxTokens);
        }
        if (promptTemplate != null && !promptTemplate.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("the responder's prompt template must contain " + PLACEHOLDER
                    + ", got \"" + promptTemplate + "\"");
        }
        if (promptTemplate != null && systemMessage != null) {
            // a raw prompt has no place for a system message; the template would have to hold it
            throw new IllegalArgumentException("the responder takes a system message or a prompt template, not both");
        }
    }

    public ResponderOptions(String systemMessage, double temperature, Double topP, Integer maxTokens) {
        this(systemMessage, temperature, topP, maxTokens, null);
    }

    /** Temperature 0, the server's top_p and length: reproducible responses. */
    public static ResponderOptions defaults() {
        return new ResponderOptions(null, 0.0, null, null);
    }

    /**
     * As the reference's inference script samples: temperature 0.7, top_p 1.0, up to 2,048 new
     * tokens; a completions responder gets its raw {@code [INST] {prompt} [/INST]}.
     */
    public static ResponderOptions paper() {
        return new ResponderOptions(null, 0.7, 1.0, 2048, LLAMA2_INST);
    }

    public ResponderOptions withSampling(Double newTemperature, Double newTopP, Integer newMaxTokens) {
        return new ResponderOptions(systemMessage, newTemperature != null ? newTemperature : temperature,
                newTopP != null ? newTopP : topP, newMaxTokens != null ? newMaxTokens : maxTokens, promptTemplate);
    }

    public ResponderOptions withPromptTemplate(String value) {
        return new ResponderOptions(systemMessage, temperature, topP, maxTokens, value);
    }

    /**
     * The request for {@code prompt} to a responder speaking {@code api}. With a template and the
     * completions API it is the reference's {@code prompt_template.format(prompt.strip())}; otherwise
     * chat messages (a completions responder without a template then refuses them, naming the model).
     */
    ChatRequest request(String prompt, ModelApi api) {
        ChatRequest.Builder b = ChatRequest.builder();
        if (api == ModelApi.COMPLETIONS && promptTemplate != null) {
            b.rawPrompt(promptTemplate.replace(PLACEHOLDER, prompt.strip()));
        } else {
            if (systemMessage != null) {
                b.system(systemMessage);
            }
            b.user(prompt);
        }
        return b.temperature(temperature).topP(topP).maxTokens(maxTokens).build();
    }

    /** The text of a response: a raw completion is stripped, as the reference strips what follows {@code [/INST]}. */
    String text(String completion, ModelApi api) {
        return api == ModelApi.COMPLETIONS && promptTemplate != null ? completion.strip() : completion;
    }
}
