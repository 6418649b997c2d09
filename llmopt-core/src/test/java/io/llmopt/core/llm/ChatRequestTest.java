package io.llmopt.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    @Test
    void builderKeepsEverySamplingParameter() {
        ChatRequest r = ChatRequest.builder().system("be brief").user("2+2?")
                .temperature(0.7).topP(0.9).maxTokens(16).stop(List.of("\n")).seed(3L).n(4).build();
        assertThat(r.messages()).extracting(ChatMessage::role).containsExactly(MessageRole.SYSTEM, MessageRole.USER);
        assertThat(r.lastUserContent()).isEqualTo("2+2?");
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.withN(1).n()).isEqualTo(1);
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("at least one message");
        assertThatThrownBy(() -> ChatRequest.builder().user("x").temperature(2.5).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ChatRequest.builder().user("x").topP(0.0).build()).hasMessageContaining("top_p");
        assertThatThrownBy(() -> ChatRequest.builder().user("x").n(0).build()).hasMessageContaining("n must");
        assertThatThrownBy(() -> ChatRequest.builder().user("x").maxTokens(0).build()).hasMessageContaining("max_tokens");
    }

    @Test
    void exceptionMessageNamesEndpointModelAndAdvice() {
        LlmException e = new LlmException(LlmException.Kind.NOT_FOUND,
                new ModelInfo("vllm", "qwen", "http://127.0.0.1:8000/v1"), "HTTP 404", null, null);
        assertThat(e.getMessage()).contains("http://127.0.0.1:8000/v1").contains("qwen").contains("check the model name");
        assertThat(e.retryable()).isFalse();
    }
}
