package io.llmopt.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void aRequestCarriesEitherMessagesOrARawPrompt() {
        ChatRequest raw = ChatRequest.raw("[INST] hi [/INST]");
        assertThat(raw.isRaw()).isTrue();
        assertThat(raw.messages()).isEmpty();
        assertThat(raw.lastUserContent()).isEqualTo("[INST] hi [/INST]");
        assertThat(raw.withN(3).rawPrompt()).isEqualTo("[INST] hi [/INST]");
        assertThat(ChatRequest.ofUser("hi").isRaw()).isFalse();
        assertThatThrownBy(() -> ChatRequest.builder().user("a").rawPrompt("b").build())
                .hasMessageContaining("either chat messages or a raw prompt");
        assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("at least one message");
    }

    @Test
    void requestFieldsWinAndConfiguredOnesFillTheRest() {
        Sampling configured = Sampling.builder().topK(40).minP(0.05).badWords(List.of("x")).build();
        Sampling asked = Sampling.builder().topK(50).stopTokenIds(List.of(13)).build();
        Sampling merged = asked.orElse(configured);
        assertThat(merged.topK()).isEqualTo(50);
        assertThat(merged.minP()).isEqualTo(0.05);
        assertThat(merged.badWords()).containsExactly("x");
        assertThat(merged.stopTokenIds()).containsExactly(13);
        assertThat(Sampling.NONE.orElse(Sampling.NONE).isEmpty()).isTrue();
    }

    @Test
    void wireMapListsOnlyTheSetFieldsInAFixedOrder() {
        Sampling s = Sampling.builder().logprobs(2).topK(5).logitBias(Map.of("b", 1.0, "a", -1.0)).build();
        assertThat(s.asWireMap()).containsOnlyKeys("top_k", "logit_bias", "logprobs");
        assertThat(s.asWireMap().keySet()).containsExactly("top_k", "logit_bias", "logprobs");
        assertThat(s.logitBias().keySet()).containsExactly("a", "b");
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> Sampling.builder().topK(-2).build()).hasMessageStartingWith("top_k");
        assertThatThrownBy(() -> Sampling.builder().minP(1.5).build()).hasMessageStartingWith("min_p");
        assertThatThrownBy(() -> Sampling.builder().repetitionPenalty(0.0).build()).hasMessageStartingWith("repetition_penalty");
        assertThatThrownBy(() -> Sampling.builder().presencePenalty(3.0).build()).hasMessageStartingWith("presence_penalty");
        assertThatThrownBy(() -> Sampling.builder().minTokens(-1).build()).hasMessageStartingWith("min_tokens");
        assertThatThrownBy(() -> Sampling.builder().stopTokenIds(List.of(-1)).build()).hasMessageStartingWith("stop_token_ids");
        assertThatThrownBy(() -> Sampling.builder().badWords(List.of("")).build()).hasMessageStartingWith("bad_words");
        assertThatThrownBy(() -> Sampling.builder().logitBias(Map.of("1", 101.0)).build()).hasMessageStartingWith("logit_bias");
    }
}
