package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.store.RunStatus;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole decorator stack over real HTTP against every fault the simulated server can inject. */
class FullStackFaultsTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @TempDir
    Path dir;

    private Workspace workspace(SimulatedLlmServer sim) {
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#sim-model",
                "models.sim.timeout_seconds=1",
                "roles.scorer=sim",
                "runs_dir=" + dir.resolve("runs"),
                "cache.mode=off"), "--set")).load();
        return Workspace.builder(config).retryPolicy(RetryPolicy.of(4, Duration.ofMillis(1), Duration.ofMillis(10))).build();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RATE_LIMITED", "SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT",
        "CONNECTION_RESET", "MALFORMED_JSON", "EMPTY_CHOICES"})
    void transientFaultsAreRetriedUntilTheCallSucceeds(Fault fault) {
        sim.reply("fine").retryAfterSeconds(0).timeoutHold(Duration.ofSeconds(5));
        sim.inject(FaultRule.first(2, fault));
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("faults", fault.name(), null)) {
            ChatResponse r = run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello"));
            assertThat(r.text()).isEqualTo("fine");
            assertThat(sim.faultCount(fault)).isEqualTo(2);
            assertThat(sim.requestCount()).isEqualTo(3);
            var usage = run.usage().role(ModelRoles.SCORER);
            assertThat(usage.calls()).as("one logical call, however many attempts").isEqualTo(1);
            assertThat(usage.errors()).isZero();
            run.finish(RunStatus.COMPLETED, null);
            assertThat(ws.store().calls(run.id())).hasSize(1).allSatisfy(c -> assertThat(c.error()).isNull());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"BAD_REQUEST", "UNAUTHORIZED", "MODEL_NOT_FOUND"})
    void permanentFaultsFailAtOnceNamingEndpointAndModel(Fault fault) {
        sim.inject(FaultRule.always(fault));
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("faults", fault.name(), null)) {
            assertThatThrownBy(() -> run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello")))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains(sim.baseUrl()).contains("sim-model");
                    });
            assertThat(sim.requestCount()).isEqualTo(1);
            run.finish(RunStatus.FAILED, null);
            assertThat(ws.store().calls(run.id())).singleElement().satisfies(c -> assertThat(c.error()).isNotNull());
        }
    }

    @Test
    void aTruncatedCompletionIsReturnedAsSuchNotRetried() {
        sim.reply("a long answer that the server cuts");
        sim.inject(FaultRule.first(1, Fault.TRUNCATED));
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("faults", "truncated", null)) {
            ChatResponse r = run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello"));
            assertThat(r.completions().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(sim.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsHonoured() {
        sim.reply("fine").retryAfterSeconds(1);
        sim.inject(FaultRule.first(1, Fault.RATE_LIMITED));
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("faults", "retry-after", null)) {
            long t0 = System.nanoTime();
            assertThat(run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello")).text()).isEqualTo("fine");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }
}
