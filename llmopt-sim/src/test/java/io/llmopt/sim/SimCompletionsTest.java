package io.llmopt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/completions}: a raw prompt in, text completions out, everything recorded. */
class SimCompletionsTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private HttpResponse<String> complete(String json) {
        return SimClient.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void answersWithTextChoicesUsageAndFinishReasonAndRecordsThePromptAndSamplingFields() throws Exception {
        sim.reply((request, sample) -> "sample " + sample + " after " + request.lastUserMessage());
        HttpResponse<String> r = complete("""
                {"model": "base", "prompt": "<TEXT>a</TEXT>\\nPrecision:", "n": 2, "max_tokens": 2, "seed": 3,
                 "top_k": 50, "bad_words": ["[PROTECT]"], "stop_token_ids": [13], "min_tokens": 5, "logprobs": 1}""");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.MAPPER.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        assertThat(body.get("choices")).hasSize(2);
        assertThat(body.get("choices").get(1).get("text").asText()).isEqualTo("sample 1");
        assertThat(body.get("choices").get(1).get("finish_reason").asText()).isEqualTo("length");
        assertThat(body.get("choices").get(0).has("message")).isFalse();
        assertThat(body.get("usage").get("prompt_tokens").asInt()).isEqualTo(SimTokens.count("<TEXT>a</TEXT>\nPrecision:"));

        SimRequest seen = sim.completionRequests().get(0);
        assertThat(seen.isRaw()).isTrue();
        assertThat(seen.prompt()).isEqualTo("<TEXT>a</TEXT>\nPrecision:");
        assertThat(seen.messages()).isEmpty();
        assertThat(seen.seed()).isEqualTo(3L);
        assertThat(seen.sampling().keySet()).containsExactly("top_k", "bad_words", "stop_token_ids", "min_tokens", "logprobs");
        assertThat(sim.chatRequests()).isEmpty();
    }

    @Test
    void aPromptThatIsNotTextIsA400AndAChatOnlyServerHasNoCompletions() {
        assertThat(complete("{\"model\": \"m\", \"prompt\": [1, 2, 3]}").statusCode()).isEqualTo(400);
        assertThat(complete("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}").statusCode())
                .isEqualTo(400);
        sim.serveCompletions(false);
        HttpResponse<String> r = complete("{\"model\": \"m\", \"prompt\": \"hi\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("/v1/completions,");
    }
}
