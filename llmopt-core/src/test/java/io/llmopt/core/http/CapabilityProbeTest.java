package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import io.llmopt.sim.SeedBehaviour;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capability probe against the simulated server over real HTTP, one server behaviour per test:
 * n honoured or ignored, seed honoured, ignored or untellable, a field refused, log-probabilities
 * returned; what the probe costs and who pays; kept per process and in a file across processes.
 */
class CapabilityProbeTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("the answer is 42");

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private OpenAiCompatibleModel.Builder builder() {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "m").warnings(warnings::add);
    }

    private OpenAiCompatibleModel probing() {
        CapabilityCheck.forget(sim.baseUrl());
        return builder().probe(true).build();
    }

    private static ChatRequest user(String text, int n) {
        return ChatRequest.builder().user(text).temperature(1.0).n(n).build();
    }

    private List<SimRequest> probes() {
        return sim.chatRequests().stream().filter(r -> r.lastUserMessage().startsWith("Write one random")).toList();
    }

    @Test
    void aServerThatIgnoresNIsFoundBeforeTheFirstCallWhichThenAsksForEachSampleAlone() {
        sim.ignoreN(true);
        try (OpenAiCompatibleModel model = probing()) {
            ChatResponse r = model.call(user("q", 3));
            assertThat(r.completions()).hasSize(3);
            assertThat(model.capabilities().n()).isEqualTo(Support.IGNORED);
            assertThat(model.endpointLacksN()).isTrue();
        }
        // the probe (n=2), then three single calls: no wasted n=3 call
        assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactlyInAnyOrder(2, 1, 1, 1);
        assertThat(warnings).singleElement().asString()
                .contains("at " + sim.baseUrl() + " (model m) ignores n (asked for 2 samples, got 1)");
    }

    @Test
    void aServerThatHonoursNGetsOneCallAndNoWarning() {
        try (OpenAiCompatibleModel model = probing()) {
            assertThat(model.call(user("q", 3)).completions()).hasSize(3);
            assertThat(model.capabilities().n()).isEqualTo(Support.HONOURED);
        }
        assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactlyInAnyOrder(2, 3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void theCallThatNeededTheProbeIsBilledItsTokensSoAccountingSeesThem() {
        ChatResponse first;
        ChatResponse second;
        try (OpenAiCompatibleModel model = probing()) {
            first = model.call(user("q", 2));
            second = model.call(user("q", 2));
        }
        // "q" is 1 prompt token, each choice "the answer is 42" 4 tokens
        assertThat(second.usage().totalTokens()).as("the probe ran once: the second call pays for itself").isEqualTo(1 + 2 * 4);
        assertThat(first.usage().totalTokens()).isGreaterThan(second.usage().totalTokens());
        // nothing the server billed is lost: the first call carries the probe's tokens
        assertThat(first.usage().totalTokens() + second.usage().totalTokens())
                .isEqualTo(sim.stats().promptTokens() + sim.stats().completionTokens());
    }

    @Test
    void aHonouredSeedIsFoundWithThreeRequestsAndSaysNothing() {
        sim.seedBehaviour(SeedBehaviour.HONOURED);
        try (OpenAiCompatibleModel model = probing()) {
            model.call(ChatRequest.builder().user("q").seed(7L).build());
            assertThat(model.capabilities().seed()).isEqualTo(Support.HONOURED);
        }
        assertThat(probes()).hasSize(3).extracting(SimRequest::seed)
                .containsExactlyInAnyOrder(CapabilityProbe.SEED, CapabilityProbe.SEED, CapabilityProbe.OTHER_SEED);
        assertThat(warnings).isEmpty();
    }

    @Test
    void anIgnoredSeedIsSaidInOneLine() {
        sim.seedBehaviour(SeedBehaviour.IGNORED);
        try (OpenAiCompatibleModel model = probing()) {
            model.call(ChatRequest.builder().user("q").seed(7L).build());
            model.call(ChatRequest.builder().user("q2").seed(8L).build());
            assertThat(model.capabilities().seed()).isEqualTo(Support.IGNORED);
        }
        assertThat(probes()).hasSize(3);
        assertThat(warnings).singleElement().asString().contains("(model m) ignores seed (the same seed gave different text)");
    }

    @Test
    void repliesThatNeverVaryLeaveTheSeedUnknownAndSilent() {
        try (OpenAiCompatibleModel model = probing()) {
            model.call(ChatRequest.builder().user("q").seed(7L).build());
            assertThat(model.capabilities().seed()).isEqualTo(Support.UNKNOWN);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aRefusedFieldIsNamedWithTheServersOwnWords() {
        sim.rejectFields("top_k");
        try (OpenAiCompatibleModel model = probing()) {
            ChatRequest request = ChatRequest.builder().user("q").sampling(Sampling.builder().topK(50).minP(0.1).build()).build();
            assertThatThrownBy(() -> model.call(request)).isInstanceOf(LlmException.class)
                    .extracting(e -> ((LlmException) e).kind()).isEqualTo(LlmException.Kind.BAD_REQUEST);
            assertThat(model.capabilities().field("top_k")).isEqualTo(Support.REFUSED);
            assertThat(model.capabilities().field("min_p")).isEqualTo(Support.ACCEPTED);
        }
        // one probe per field, each carrying only its own field
        assertThat(probes()).extracting(r -> r.sampling().keySet())
                .containsExactlyInAnyOrder(java.util.Set.of("top_k"), java.util.Set.of("min_p"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("refuses top_k (HTTP 400: Unrecognized request argument"
                + " supplied: top_k): requests carrying it fail"));
        // min_p accepted, and the simulator is known not to apply it: the family's line
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("the simulated server at ").contains("ignores min_p:"));
    }

    @Test
    void logprobsComingBackAreHonouredAndNotWarnedAbout() {
        try (OpenAiCompatibleModel model = probing()) {
            ChatResponse r = model.call(ChatRequest.builder().user("q").sampling(Sampling.builder().logprobs(1).build()).build());
            assertThat(r.completions().get(0).logprobs()).extracting(t -> t.token()).containsExactly("the", "answer", "is", "42");
            assertThat(model.capabilities().field("logprobs")).isEqualTo(Support.HONOURED);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aSecondClientOfTheSameEndpointInTheProcessDoesNotProbeAgain() {
        sim.ignoreN(true);
        try (OpenAiCompatibleModel first = probing()) {
            first.call(user("q", 2));
        }
        int afterFirst = sim.chatRequests().size();
        try (OpenAiCompatibleModel second = builder().probe(true).build()) {
            assertThat(second.call(user("q", 2)).completions()).hasSize(2);
            assertThat(second.endpointLacksN()).isTrue();
        }
        assertThat(sim.chatRequests().subList(afterFirst, sim.chatRequests().size())).extracting(SimRequest::n)
                .containsExactly(1, 1);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void resultsKeptInTheFileSpareTheNextProcessTheProbe() throws Exception {
        Path file = dir.resolve("capabilities.json");
        sim.ignoreN(true).seedBehaviour(SeedBehaviour.HONOURED);
        ChatRequest request = ChatRequest.builder().user("q").n(2).seed(3L).build();
        CapabilityCheck.forget(sim.baseUrl());
        try (OpenAiCompatibleModel model = builder().probe(true).capabilityFile(file).build()) {
            model.call(request);
        }
        // n=2 once, the seed three times
        assertThat(probes()).hasSize(4);
        assertThat(Files.readString(file)).contains("\"n\"", "IGNORED", "\"seed\"", "HONOURED");
        // a new process: nothing in memory, the file answers
        CapabilityCheck.forget(sim.baseUrl());
        sim.clear();
        try (OpenAiCompatibleModel model = builder().probe(true).capabilityFile(file).build()) {
            ChatResponse r = model.call(request);
            assertThat(r.completions()).hasSize(2);
            assertThat(model.capabilities().n()).isEqualTo(Support.IGNORED);
            assertThat(model.capabilities().seed()).isEqualTo(Support.HONOURED);
        }
        assertThat(probes()).isEmpty();
        assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactly(1, 1);
    }

    @Test
    void withoutTheProbeNothingIsSentButTheRequestsThemselves() {
        CapabilityCheck.forget(sim.baseUrl());
        sim.ignoreN(true);
        try (OpenAiCompatibleModel model = builder().build()) {
            assertThat(model.call(user("q", 3)).completions()).hasSize(3);
            model.call(ChatRequest.builder().user("q").seed(1L).build());
        }
        assertThat(probes()).isEmpty();
        // the old way: the n=3 call finds out, then two single calls
        assertThat(sim.chatRequests()).extracting(SimRequest::n).containsExactly(3, 1, 1, 1);
    }

    @Test
    void aCompletionsModelIsProbedWithARawPrompt() {
        CapabilityCheck.forget(sim.baseUrl());
        try (OpenAiCompatibleModel model = builder().api(ModelApi.COMPLETIONS).probe(true).build()) {
            model.call(ChatRequest.builder().rawPrompt("[INST] q [/INST]").n(2).build());
            assertThat(model.capabilities().n()).isEqualTo(Support.HONOURED);
        }
        assertThat(sim.completionRequests()).extracting(SimRequest::prompt).contains("A random English word:", "[INST] q [/INST]");
    }
}
