package io.llmopt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The switchable behaviours a client's capability probe must tell apart: replies that vary with or
 * without the seed, fields refused by name, and log-probabilities in both APIs' shapes.
 */
class SimServerBehavioursTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("the answer is 42");

    private String text(String extra) {
        HttpResponse<String> r = SimClient.post(sim, SimClient.chat("q", extra));
        assertThat(r.statusCode()).isEqualTo(200);
        return SimClient.json(r).at("/choices/0/message/content").asText();
    }

    @Test
    void byDefaultRepliesNeverVaryWhateverTheSeed() {
        assertThat(text("\"seed\": 1")).isEqualTo("the answer is 42");
        assertThat(text("\"seed\": 2")).isEqualTo("the answer is 42");
    }

    @Test
    void aHonouredSeedFixesTheRandomWordAndAnotherSeedOrNoneChangesIt() {
        sim.seedBehaviour(SeedBehaviour.HONOURED);
        String a = text("\"seed\": 1");
        assertThat(a).startsWith("the answer is 42 w");
        assertThat(text("\"seed\": 1")).isEqualTo(a);
        assertThat(text("\"seed\": 2")).isNotEqualTo(a);
        assertThat(text("")).isNotEqualTo(text(""));
    }

    @Test
    void anIgnoredSeedVariesTheReplyAnyway() {
        sim.seedBehaviour(SeedBehaviour.IGNORED);
        assertThat(text("\"seed\": 1")).isNotEqualTo(text("\"seed\": 1"));
    }

    @Test
    void aRejectedFieldIsA400NamingItAndOtherRequestsStillPass() {
        sim.rejectFields("top_k", "min_p");
        HttpResponse<String> r = SimClient.post(sim, SimClient.chat("q", "\"min_p\": 0.1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(r).at("/error/message").asText()).isEqualTo("Unrecognized request argument supplied: min_p");
        assertThat(text("\"temperature\": 1")).isEqualTo("the answer is 42");
    }

    @Test
    void chatLogprobsComeBackPerTokenWithTheAlternativesAsked() {
        JsonNode body = SimClient.json(SimClient.post(sim, SimClient.chat("q", "\"logprobs\": true, \"top_logprobs\": 2")));
        JsonNode content = body.at("/choices/0/logprobs/content");
        assertThat(content).hasSize(4);
        assertThat(content.get(1).get("token").asText()).isEqualTo("answer");
        assertThat(content.get(1).get("logprob").asDouble()).isEqualTo(SimLogprobs.logprob(1));
        assertThat(content.get(1).get("top_logprobs")).hasSize(2);
        assertThat(content.get(1).at("/top_logprobs/1/token").asText()).isEqualTo("alt1");
        // not asked: no logprobs at all
        assertThat(SimClient.json(SimClient.post(sim, SimClient.chat("q", ""))).at("/choices/0").has("logprobs")).isFalse();
    }

    @Test
    void completionsLogprobsComeBackAsParallelArrays() {
        HttpResponse<String> r = SimClient.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"m\", \"prompt\": \"p\", \"logprobs\": 1}")).build());
        JsonNode lp = SimClient.json(r).at("/choices/0/logprobs");
        assertThat(lp.get("tokens")).extracting(JsonNode::asText).containsExactly("the", "answer", "is", "42");
        assertThat(lp.get("token_logprobs").get(3).asDouble()).isEqualTo(SimLogprobs.logprob(3));
        assertThat(lp.get("top_logprobs").get(0).fieldNames().next()).isEqualTo("the");
        assertThat(lp.get("text_offset")).extracting(JsonNode::asInt).containsExactly(0, 4, 11, 14);
    }
}
