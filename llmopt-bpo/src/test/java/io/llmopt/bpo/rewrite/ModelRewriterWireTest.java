package io.llmopt.bpo.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the model rewriter puts on the wire, read back from the simulated server's request log: the
 * reference's raw text and decoding constraints through /v1/completions, and the chat path as before.
 */
class ModelRewriterWireTest {

    /** infer_example.py's prompt_template, with Python's {} placeholder. */
    private static final String REFERENCE_TEMPLATE = "[INST] You are an expert prompt engineer. Please help me improve this"
            + " prompt to get a more helpful and harmless response:\n{} [/INST]";
    private static final String PROMPT = "how can I create a profile on Facebook?";
    /** prompt_template.format(PROMPT), as the reference builds it. */
    private static final String REFERENCE_TEXT = REFERENCE_TEMPLATE.replace("{}", PROMPT);

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private OpenAiCompatibleModel model(String provider, ModelApi api) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "THUDM/BPO").provider(provider).api(api).build();
    }

    private SimRequest rewriteOnce(String provider, ModelApi api, RewriteMode mode) {
        sim.reply((request, sample) -> " Explain step by step how to create a Facebook profile " + sample + ".");
        try (OpenAiCompatibleModel model = model(provider, api)) {
            Rewrite rewrite = new ModelRewriter(model, mode, SampleChoice.FIRST).rewrite(PROMPT).join();
            assertThat(rewrite.rewritten()).isEqualTo("Explain step by step how to create a Facebook profile 0.");
        }
        // one call (a request with further sampling fields may also ask GET /models once, for the capability check)
        assertThat(sim.completionRequests().size() + sim.chatRequests().size()).isEqualTo(1);
        return api == ModelApi.COMPLETIONS ? sim.completionRequests().getFirst() : sim.chatRequests().getFirst();
    }

    @Test
    void stableModeSendsTheReferenceTextRawWithTopK50() throws Exception {
        SimRequest seen = rewriteOnce("vllm", ModelApi.COMPLETIONS, RewriteMode.STABLE);

        assertThat(sim.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v1/completions"));
        assertThat(seen.prompt()).isEqualTo(REFERENCE_TEXT);
        assertThat(seen.prompt().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(REFERENCE_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(seen.temperature()).isEqualTo(0.6);
        assertThat(seen.topP()).isEqualTo(0.9);
        assertThat(seen.maxTokens()).isEqualTo(1024);
        assertThat(seen.n()).isEqualTo(1);
        assertThat(seen.stop()).isEmpty();
        assertThat(seen.sampling().keySet()).containsExactly("top_k");
        assertThat(seen.sampling().get("top_k").asInt()).isEqualTo(50);
        assertThat(seen.json().has("messages")).isFalse();
    }

    @Test
    void aggressiveModeForVllmBansTheMarkersStopsAtTheNewlineTokenAndAsksForFiveTokens() {
        SimRequest seen = rewriteOnce("vllm", ModelApi.COMPLETIONS, RewriteMode.AGGRESSIVE);

        assertThat(seen.prompt()).isEqualTo(REFERENCE_TEXT);
        assertThat(seen.temperature()).isEqualTo(0.9);
        assertThat(seen.topP()).isEqualTo(0.9);
        assertThat(seen.maxTokens()).isEqualTo(1024);
        assertThat(seen.n()).isEqualTo(5);
        assertThat(seen.stop()).isEmpty();
        assertThat(seen.sampling().keySet()).containsExactly("top_k", "min_tokens", "stop_token_ids", "bad_words");
        assertThat(seen.sampling().get("top_k").asInt()).isEqualTo(50);
        assertThat(seen.sampling().get("min_tokens").asInt()).isEqualTo(5);
        assertThat(seen.sampling().get("stop_token_ids").toString()).isEqualTo("[13]");
        assertThat(strings(seen.sampling().get("bad_words")))
                .containsExactly("[PROTECT]", "\n\n[PROTECT]", "[KEEP", "[INSTRUCTION]");
    }

    @Test
    void aggressiveModeForLlamaCppBansTheMarkersByLogitBiasAndStopsAtANewlineString() {
        SimRequest seen = rewriteOnce("llamacpp", ModelApi.COMPLETIONS, RewriteMode.AGGRESSIVE);

        assertThat(seen.prompt()).isEqualTo(REFERENCE_TEXT);
        assertThat(seen.n()).isEqualTo(5);
        assertThat(seen.stop()).containsExactly("\n");
        assertThat(seen.sampling().keySet()).containsExactly("top_k", "min_tokens", "logit_bias");
        assertThat(seen.sampling().get("min_tokens").asInt()).isEqualTo(5);
        JsonNode bias = seen.sampling().get("logit_bias");
        assertThat(bias.fieldNames()).toIterable().containsExactlyInAnyOrder("[PROTECT]", "[KEEP", "[INSTRUCTION]");
        assertThat(bias.elements()).toIterable().allSatisfy(b -> assertThat(b.asDouble()).isEqualTo(-100.0));
    }

    @Test
    void stableModeForLlamaCppIsTopK50Only() {
        SimRequest seen = rewriteOnce("llamacpp", ModelApi.COMPLETIONS, RewriteMode.STABLE);
        assertThat(seen.sampling().keySet()).containsExactly("top_k");
        assertThat(seen.stop()).isEmpty();
    }

    @Test
    void aChatRewriterKeepsTodaysRequestOneUserMessageAndTheBasicFieldsOnly() throws Exception {
        SimRequest seen = rewriteOnce("vllm", ModelApi.CHAT, RewriteMode.AGGRESSIVE);

        assertThat(sim.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.messages()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo("user");
            assertThat(m.content()).isEqualTo(REFERENCE_TEXT);
        });
        assertThat(seen.sampling()).isEmpty();
        assertThat(seen.stop()).isEmpty();
        assertThat(seen.json().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("model", "messages", "temperature", "top_p", "max_tokens", "n");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
