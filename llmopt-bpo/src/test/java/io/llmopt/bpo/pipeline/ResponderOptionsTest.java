package io.llmopt.bpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.MessageRole;
import io.llmopt.core.llm.ModelApi;
import org.junit.jupiter.api.Test;

class ResponderOptionsTest {

    private static final String PROMPT = "  Write a short poem about the sea, in four lines.\n";

    @Test
    void thePaperProtocolSendsACompletionsResponderTheReferenceInstTextRaw() {
        ChatRequest request = EvalProtocol.PAPER.options(0, 1).responder().request(PROMPT, ModelApi.COMPLETIONS);

        // llama2_infer.py: "[INST] {} [/INST]".format(prompt.strip())
        assertThat(request.rawPrompt()).isEqualTo("[INST] Write a short poem about the sea, in four lines. [/INST]");
        assertThat(request.messages()).isEmpty();
        assertThat(request.temperature()).isEqualTo(0.7);
        assertThat(request.topP()).isEqualTo(1.0);
        assertThat(request.maxTokens()).isEqualTo(2048);
        assertThat(EvalProtocol.PAPER.options(0, 1).responder().text("  The sea.\n", ModelApi.COMPLETIONS))
                .isEqualTo("The sea.");
    }

    @Test
    void aChatResponderGetsThePromptAsAUserMessageUnderEitherProtocol() {
        for (EvalProtocol protocol : EvalProtocol.values()) {
            ResponderOptions options = protocol.options(0, 1).responder();
            ChatRequest request = options.request(PROMPT, ModelApi.CHAT);
            assertThat(request.isRaw()).isFalse();
            assertThat(request.messages()).singleElement().satisfies(m -> {
                assertThat(m.role()).isEqualTo(MessageRole.USER);
                assertThat(m.content()).isEqualTo(PROMPT);
            });
            assertThat(options.text(" kept as is ", ModelApi.CHAT)).isEqualTo(" kept as is ");
        }
    }

    @Test
    void theDefaultProtocolHasNoTemplateSoACompletionsResponderIsSentChatAndRefusesIt() {
        ResponderOptions options = EvalProtocol.DEFAULT.options(0, 1).responder();
        assertThat(options.promptTemplate()).isNull();
        assertThat(options.request(PROMPT, ModelApi.COMPLETIONS).isRaw()).isFalse();
    }

    @Test
    void theTemplateSurvivesSamplingOverridesAndMustHoldThePlaceholder() {
        ResponderOptions options = ResponderOptions.paper().withSampling(0.0, null, 64);
        assertThat(options.promptTemplate()).isEqualTo("[INST] {prompt} [/INST]");
        assertThat(options.request("hi", ModelApi.COMPLETIONS).rawPrompt()).isEqualTo("[INST] hi [/INST]");
        assertThatThrownBy(() -> ResponderOptions.defaults().withPromptTemplate("[INST] {} [/INST]"))
                .hasMessageContaining("{prompt}");
    }
}
