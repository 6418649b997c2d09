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
        // the probe's own requests are counted in the probe's tests
        LoadedConfig config = config("models.bpo.sampling.top_k=50", "models.bpo.sampling.min_tokens=5", "models.bpo.probe=false");
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
        assertThat(ask(config("models.bpo.sampling.top_k=50", "models.bpo.probe=false"), q).cacheHit()).isFalse();
        assertThat(ask(config("models.bpo.sampling.top_k=50", "models.bpo.probe=false"), q).cacheHit()).isTrue();
        assertThat(ask(config("models.bpo.sampling.top_k=20", "models.bpo.probe=false"), q).cacheHit())
                .as("another top_k is another request").isFalse();
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

    @Test
    void theProbeRunsOnceForAllRunsAndKeepsItsFindingsNextToTheResponseCache() throws Exception {
        sim.rejectFields("min_p");
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                if (event.level() == RunEvent.Level.WARN) {
                    warnings.add(event.message());
                }
            }
        };
        LoadedConfig config = config("models.bpo.sampling.top_k=50");
        for (int i = 0; i < 2; i++) {
            try (Workspace ws = Workspace.builder(config).environment(Map.of()).listener(listener).build();
                    ActiveRun run = ws.startRun("k", null, null)) {
                run.model(ModelRoles.REWRITER).call(ChatRequest.builder().rawPrompt("[INST] x" + i + " [/INST]").build());
                ChatRequest refused = ChatRequest.builder().rawPrompt("[INST] y" + i + " [/INST]")
                        .sampling(Sampling.builder().minP(0.05).build()).build();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.model(ModelRoles.REWRITER).call(refused));
            }
        }
        // one probe per field, in the first workspace only; the second read the file next to the cache
        assertThat(sim.completionRequests()).filteredOn(r -> r.prompt().equals("A random English word:"))
                .extracting(r -> r.sampling().keySet().iterator().next()).containsExactlyInAnyOrder("top_k", "min_p");
        assertThat(dir.resolve("cache/" + HttpBackends.CAPABILITY_FILE)).content().contains("field:top_k", "ACCEPTED",
                "field:min_p", "REFUSED");
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("models.bpo: the simulated server at " + sim.baseUrl()
                + " (model THUDM/BPO) refuses min_p (HTTP 400: Unrecognized request argument supplied: min_p)"));
    }

    @Test
    void probeFalseSendsNothingButTheRequests() {
        ask(config("models.bpo.sampling.top_k=50", "models.bpo.probe=false"), ChatRequest.builder().rawPrompt("[INST] a [/INST]")
                .n(3).seed(4L).build());
        assertThat(sim.completionRequests()).extracting(SimRequest::prompt).containsExactly("[INST] a [/INST]");
        assertThat(dir.resolve("cache/" + HttpBackends.CAPABILITY_FILE)).doesNotExist();
    }
}
