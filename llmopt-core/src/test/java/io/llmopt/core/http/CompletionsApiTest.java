package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import io.llmopt.core.llm.TokenUsage;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimTokens;
import io.llmopt.sim.SimulatedLlmServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The completions backend over real HTTP against the simulator, and the two APIs kept apart. */
class CompletionsApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BPO_PROMPT = "[INST] You are an expert prompt engineer. Please help me improve this prompt"
            + " to get a more helpful and harmless response:\ntell me a joke [/INST]";

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private OpenAiCompatibleModel model(ModelApi api) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "THUDM/BPO").provider("vllm").api(api).build();
    }

    private static Sampling everyField() {
        return Sampling.builder().topK(50).minP(0.05).repetitionPenalty(1.1).presencePenalty(0.2).frequencyPenalty(-0.3)
                .minTokens(5).stopTokenIds(List.of(2, 13)).badWords(List.of("[PROTECT]", "\n\n[PROTECT]"))
                .logitBias(Map.of("13", -100.0)).logprobs(2).build();
    }

    @Test
    void aRawPromptGoesToV1CompletionsUnchangedAndNTextsComeBackWithUsageAndFinishReason() throws Exception {
        sim.reply((request, sample) -> "rewrite " + sample + " of: " + request.lastUserMessage().length() + " chars");
        try (OpenAiCompatibleModel model = model(ModelApi.COMPLETIONS)) {
            ChatResponse r = model.call(ChatRequest.builder().rawPrompt(BPO_PROMPT).temperature(0.9).seed(7L).n(3).build());

            assertThat(r.texts()).containsExactly("rewrite 0 of: " + BPO_PROMPT.length() + " chars",
                    "rewrite 1 of: " + BPO_PROMPT.length() + " chars", "rewrite 2 of: " + BPO_PROMPT.length() + " chars");
            assertThat(r.completions()).allSatisfy(c -> assertThat(c.finishReason()).isEqualTo(FinishReason.STOP));
            long completionTokens = r.texts().stream().mapToLong(SimTokens::count).sum();
            assertThat(r.usage()).isEqualTo(new TokenUsage(SimTokens.count(BPO_PROMPT), completionTokens));
            assertThat(model.info().api()).isEqualTo(ModelApi.COMPLETIONS);
        }
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.lastRequest().path()).isEqualTo("/v1/completions");
        JsonNode body = MAPPER.readTree(sim.lastRequest().body());
        assertThat(body.get("prompt").asText()).isEqualTo(BPO_PROMPT);
        assertThat(body.has("messages")).isFalse();
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(sim.completionRequests()).singleElement().satisfies(seen -> {
            assertThat(seen.prompt()).isEqualTo(BPO_PROMPT);
            assertThat(seen.seed()).isEqualTo(7L);
            assertThat(seen.sampling()).isEmpty();
        });
    }

    @Test
    void maxTokensCutsACompletionWithFinishReasonLength() {
        sim.reply("one two three four five six seven eight nine ten");
        try (OpenAiCompatibleModel model = model(ModelApi.COMPLETIONS)) {
            ChatResponse r = model.call(ChatRequest.builder().rawPrompt("Count:").maxTokens(3).build());
            assertThat(r.completions().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(SimTokens.count(r.text())).isEqualTo(3);
        }
    }

    @Test
    void everySamplingFieldReachesTheWireOnlyWhenSet() throws Exception {
        sim.reply("ok");
        try (OpenAiCompatibleModel completions = model(ModelApi.COMPLETIONS); OpenAiCompatibleModel chat = model(ModelApi.CHAT)) {
            completions.call(ChatRequest.builder().rawPrompt("p").sampling(everyField()).build());
            completions.call(ChatRequest.builder().rawPrompt("p").sampling(Sampling.builder().topK(50).build()).build());
            chat.call(ChatRequest.builder().user("u").sampling(everyField()).build());
            chat.call(ChatRequest.ofUser("u"));
        }
        List<SimRequest> raw = sim.completionRequests();
        Map<String, JsonNode> all = raw.get(0).sampling();
        assertThat(all.keySet()).containsExactly("top_k", "min_p", "repetition_penalty", "presence_penalty",
                "frequency_penalty", "min_tokens", "stop_token_ids", "bad_words", "logit_bias", "logprobs");
        assertThat(all.get("top_k").asInt()).isEqualTo(50);
        assertThat(all.get("min_p").asDouble()).isEqualTo(0.05);
        assertThat(all.get("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(all.get("presence_penalty").asDouble()).isEqualTo(0.2);
        assertThat(all.get("frequency_penalty").asDouble()).isEqualTo(-0.3);
        assertThat(all.get("min_tokens").asInt()).isEqualTo(5);
        assertThat(all.get("stop_token_ids").toString()).isEqualTo("[2,13]");
        assertThat(all.get("bad_words").toString()).isEqualTo("[\"[PROTECT]\",\"\\n\\n[PROTECT]\"]");
        assertThat(all.get("logit_bias").toString()).isEqualTo("{\"13\":-100.0}");
        assertThat(all.get("logprobs").asInt()).as("completions: how many top tokens").isEqualTo(2);
        assertThat(raw.get(1).sampling().keySet()).containsExactly("top_k");

        List<SimRequest> chats = sim.chatRequests();
        assertThat(chats.get(0).sampling().get("logprobs").asBoolean()).as("chat: a switch").isTrue();
        assertThat(chats.get(0).sampling().get("top_logprobs").asInt()).isEqualTo(2);
        assertThat(chats.get(0).sampling().get("bad_words").toString()).isEqualTo("[\"[PROTECT]\",\"\\n\\n[PROTECT]\"]");
        assertThat(chats.get(1).sampling()).isEmpty();
        var lastChat = sim.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).reduce((x, y) -> y).orElseThrow();
        assertThat(MAPPER.readTree(lastChat.body()).fieldNames()).toIterable()
                .containsExactly("model", "messages", "temperature");
    }

    @Test
    void aRawPromptToAChatModelFailsAtOnceNamingTheModelAndTheSetting() {
        try (OpenAiCompatibleModel chat = model(ModelApi.CHAT)) {
            assertThatThrownBy(() -> chat.call(ChatRequest.raw(BPO_PROMPT)))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LlmException.Kind.UNSUPPORTED_REQUEST);
                        assertThat(e.retryable()).isFalse();
                    })
                    .hasMessageContaining("(model THUDM/BPO)")
                    .hasMessageContaining("raw prompt")
                    .hasMessageContaining("api: completions")
                    .hasMessageContaining("?api=completions");
        }
        assertThat(sim.requestCount()).as("nothing was sent, so nothing was wrapped").isZero();
    }

    @Test
    void chatMessagesToACompletionsModelFailTooInsteadOfBeingFlattenedIntoAPrompt() {
        try (OpenAiCompatibleModel completions = model(ModelApi.COMPLETIONS)) {
            assertThatThrownBy(() -> completions.call(ChatRequest.ofUser("hi")))
                    .isInstanceOfSatisfying(LlmException.class,
                            e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNSUPPORTED_REQUEST))
                    .hasMessageContaining("speaks the completions API")
                    .hasMessageContaining("api: chat");
        }
        assertThat(sim.requestCount()).isZero();
    }

    @Test
    void aChatOnlyServerAnswers404ToACompletionsModel() {
        sim.serveCompletions(false);
        try (OpenAiCompatibleModel completions = model(ModelApi.COMPLETIONS)) {
            assertThatThrownBy(() -> completions.call(ChatRequest.raw("p")))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND));
        }
    }
}
