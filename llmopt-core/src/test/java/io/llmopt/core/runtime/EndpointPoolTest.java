package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.stack.ModelStack;
import io.llmopt.core.store.RunStatus;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model served from two endpoints ({@code endpoints:} in the configuration), through the real
 * stack against two simulated servers: calls are spread over both, and when one stops answering
 * the other takes every call, none failing.
 */
@Timeout(60)
class EndpointPoolTest {

    @AutoClose
    private final SimulatedLlmServer first = SimulatedLlmServer.start();

    @TempDir
    Path dir;

    @Test
    void callsSpreadOverBothEndpointsAndMoveToTheOneThatAnswers() throws Exception {
        try (SimulatedLlmServer second = SimulatedLlmServer.start()) {
            first.reply("from the first");
            second.reply("from the second");
            Path file = dir.resolve("llmopt.yaml");
            Files.writeString(file, """
                    models:
                      sim:
                        spec: openai-compatible:%s#sim-model
                        endpoints: [%s]
                        max_concurrency: 8
                    roles:
                      scorer: sim
                    runs_dir: %s
                    cache:
                      mode: "off"
                    """.formatted(first.baseUrl(), second.baseUrl(), dir.resolve("runs")));
            LoadedConfig config = new ConfigLoader().environment(Map.of()).file(file).load();

            try (Workspace ws = Workspace.builder(config)
                    .retryPolicy(RetryPolicy.of(4, Duration.ofMillis(1), Duration.ofMillis(5))).build();
                 ActiveRun run = ws.startRun("pool", "two endpoints", null)) {
                LanguageModel scorer = run.model(ModelRoles.SCORER);
                assertThat(scorer.info().endpoint()).contains(first.baseUrl(), second.baseUrl());
                assertThat(((ModelStack) scorer).sharedLayers().pool()).as("pooled by the layers, the one place that composes them")
                        .hasValueSatisfying(pool -> assertThat(pool.status()).hasSize(2));

                List<String> answers = answers(scorer, 0, 40);
                assertThat(answers).contains("from the first", "from the second");

                first.inject(FaultRule.always(Fault.SERVER_ERROR));
                int secondBefore = second.requestCount();
                List<String> whileDown = answers(scorer, 40, 40);

                assertThat(whileDown).as("every call answered by the endpoint that is up").containsOnly("from the second");
                assertThat(second.requestCount() - secondBefore).isEqualTo(40);
                assertThat(first.faultCount(Fault.SERVER_ERROR))
                        .as("ejected after 3 failures in a row, plus at most the 8 calls (max_concurrency) already sent to it")
                        .isBetween(1L, 11L);
                run.finish(RunStatus.COMPLETED, null);
            }
        }
    }

    /** One endpoint of the pool never started: the calls go to the other, none fails as unreachable. */
    @Test
    void anEndpointThatWasNeverStartedDoesNotFailThePool() throws Exception {
        String dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }
        first.reply("from the first");
        Path file = dir.resolve("llmopt.yaml");
        Files.writeString(file, """
                models:
                  sim:
                    spec: openai-compatible:%s#sim-model
                    endpoints: [%s]
                    max_concurrency: 8
                roles:
                  scorer: sim
                runs_dir: %s
                cache:
                  mode: "off"
                """.formatted(dead, first.baseUrl(), dir.resolve("runs")));
        LoadedConfig config = new ConfigLoader().environment(Map.of()).file(file).load();
        try (Workspace ws = Workspace.builder(config).retryPolicy(RetryPolicy.of(4, Duration.ofMillis(1), Duration.ofMillis(5))).build();
             ActiveRun run = ws.startRun("pool", "one endpoint missing", null)) {
            assertThat(answers(run.model(ModelRoles.SCORER), 0, 40)).containsOnly("from the first");
            run.finish(RunStatus.COMPLETED, null);
        }
    }

    private static List<String> answers(LanguageModel model, int from, int count) throws Exception {
        List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            calls.add(model.chat(ChatRequest.ofUser("q" + i)));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return calls.stream().map(c -> c.join().text()).toList();
    }
}
