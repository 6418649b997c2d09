package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.llm.Sampling;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models.NAME.sampling} reaches the wire, yields to a request's own fields, and is in the cache key. */
class ConfiguredSamplingTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("rewritten");

    @TempDir
    Path dir;

    private LoadedConfig config(String... settings) {
        List<String> flags = new ArrayList<>(List.of(
                "models.bpo.spec=vllm:" + sim.baseUrl() + "#THUDM/BPO?api=completions",
                "roles.rewriter=bpo",
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("cache/responses.db"),
                "cache.mode=read-write"));
        flags.addAll(List.of(settings));
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
    }

    private ChatResponse ask(LoadedConfig config, ChatRequest request) {
        try (Workspace ws = Workspace.open(config, Map.of()); ActiveRun run = ws.startRun("k", null, null)) {
            return run.model(ModelRoles.REWRITER).call(request);
        }
    }

    @Test
    void configuredFieldsFillWhatTheRequestLeavesUnsetAndTheRequestsOwnWin() {
        LoadedConfig config = config("models.bpo.sampling.top_k=50", "models.bpo.sampling.min_tokens=5");
        ask(config, ChatRequest.raw("[INST] a [/INST]"));
        ask(config, ChatRequest.builder().rawPrompt("[INST] b [/INST]").sampling(Sampling.builder().topK(40).build()).build());

        List<SimRequest> seen = sim.completionRequests();
        assertThat(seen.get(0).prompt()).isEqualTo("[INST] a [/INST]");
        assertThat(seen.get(0).sampling().get("top_k").asInt()).isEqualTo(50);
        assertThat(seen.get(0).sampling().get("min_tokens").asInt()).isEqualTo(5);
        assertThat(seen.get(1).sampling().get("top_k").asInt()).as("the request's own field wins").isEqualTo(40);
        assertThat(seen.get(1).sampling().get("min_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void configuredFieldsArePartOfTheCacheKey() {
        ChatRequest q = ChatRequest.raw("[INST] same [/INST]");
        assertThat(ask(config("models.bpo.sampling.top_k=50"), q).cacheHit()).isFalse();
        assertThat(ask(config("models.bpo.sampling.top_k=50"), q).cacheHit()).isTrue();
        assertThat(ask(config("models.bpo.sampling.top_k=20"), q).cacheHit()).as("another top_k is another request").isFalse();
        assertThat(sim.completionRequests()).hasSize(2);
    }

    @Test
    void aFieldTheServerIgnoresIsAWarningEventOfTheRun() throws Exception {
        List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        };
        try (Workspace ws = Workspace.builder(config("models.bpo.sampling.top_k=50")).environment(Map.of()).listener(listener).build();
                ActiveRun run = ws.startRun("k", null, null)) {
            assertThat(run.model(ModelRoles.REWRITER).info().api()).as("what a method asks to choose the request form")
                    .isEqualTo(io.llmopt.core.llm.ModelApi.COMPLETIONS);
            run.model(ModelRoles.REWRITER).call(ChatRequest.raw("[INST] x [/INST]"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (events.stream().noneMatch(e -> e.type().equals("model.sampling_ignored")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(events).filteredOn(e -> e.type().equals("model.sampling_ignored")).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(RunEvent.Level.WARN);
            assertThat(e.message()).startsWith("models.bpo: the simulated server at " + sim.baseUrl() + " (model THUDM/BPO) ignores top_k:");
        });
    }
}
