package io.llmopt.core.http;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.TokenUsage;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NSupportTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    /** Replies name the sample they are: the choice index, or the seed when sent one at a time. */
    private static void scriptSamples(SimulatedLlmServer sim) {
        sim.reply((request, sample) -> request.n() > 1 ? "choice " + sample : "seed " + request.seed());
    }

    private static OpenAiCompatibleModel model(SimulatedLlmServer sim, NSupport mode) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "m").nSupport(mode).build();
    }

    private static ChatRequest request(int n) {
        return ChatRequest.builder().user("go").temperature(1.0).seed(100L).n(n).build();
    }

    @Test
    void nativeNIsOneCall() {
        scriptSamples(sim);
        try (OpenAiCompatibleModel model = model(sim, NSupport.AUTO)) {
            ChatResponse response = model.call(request(3));

            assertThat(response.texts()).containsExactly("choice 0", "choice 1", "choice 2");
            assertThat(sim.chatRequests()).singleElement().extracting(SimRequest::n).isEqualTo(3);
            assertThat(model.endpointLacksN()).isFalse();
        }
    }

    @Test
    void autoFallsBackToSingleCallsWithShiftedSeedsAndRemembers() {
        scriptSamples(sim);
        sim.ignoreN(true);
        try (OpenAiCompatibleModel model = model(sim, NSupport.AUTO)) {
            ChatResponse response = model.call(request(3));

            // sample 0 came from the n=3 call; samples 1 and 2 from single calls with seeds 101 and 102
            assertThat(response.texts()).containsExactly("choice 0", "seed 101", "seed 102");
            assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactlyInAnyOrder(3, 1, 1);
            assertThat(model.endpointLacksN()).isTrue();
            // three calls, each with the 1-token prompt "go" and a 2-token reply
            assertThat(response.usage()).isEqualTo(new TokenUsage(3, 6));

            sim.clear();
            assertThat(model.call(request(2)).texts()).containsExactly("seed 100", "seed 101");
            assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactly(1, 1);
        }
    }

    @Test
    void singleCallsNeverSendN() {
        scriptSamples(sim);
        try (OpenAiCompatibleModel model = model(sim, NSupport.SINGLE_CALLS)) {
            ChatResponse response = model.call(request(4));

            assertThat(response.texts()).containsExactly("seed 100", "seed 101", "seed 102", "seed 103");
            assertThat(sim.chatRequests()).hasSize(4).allSatisfy(r -> {
                assertThat(r.n()).isEqualTo(1);
                assertThat(r.json().has("n")).isFalse();
            });
        }
    }

    @Test
    void singleCallsWithoutSeedSendNoSeed() {
        try (OpenAiCompatibleModel model = model(sim, NSupport.SINGLE_CALLS)) {
            ChatResponse response = model.call(ChatRequest.builder().user("go").n(2).build());

            assertThat(response.completions()).hasSize(2);
            assertThat(sim.chatRequests()).allSatisfy(r -> assertThat(r.seed()).isNull());
        }
    }

    @Test
    void alwaysNTreatsMissingChoicesAsMalformed() {
        sim.ignoreN(true);
        try (OpenAiCompatibleModel model = model(sim, NSupport.ALWAYS_N)) {
            assertThatThrownBy(() -> model.call(request(3)))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_RESPONSE);
                        assertThat(e.getMessage()).contains("n=3", "got 1");
                    });
        }
    }

    @Test
    void aFailedSampleFailsTheWholeCall() {
        sim.inject(io.llmopt.sim.FaultRule.when(r -> Long.valueOf(102).equals(r.seed()), io.llmopt.sim.Fault.SERVER_ERROR));
        try (OpenAiCompatibleModel model = model(sim, NSupport.SINGLE_CALLS)) {
            assertThatThrownBy(() -> model.call(request(3)))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER_ERROR));
        }
    }
}
