package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.store.RunLease;
import io.llmopt.core.store.RunLeasedException;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop ends one run's calls at once, whatever the endpoint does, and leaves the other runs of the
 * same workspace alone; a run's lease keeps a second holder out until it is released or stale; a
 * run that ends without finishing is never left running.
 */
@Timeout(60)
class RunStopAndLeaseTest {

    private static final OutagePolicy FAST_PROBES = new OutagePolicy(OutagePolicy.DEFAULT_MAX_OUTAGE,
            Duration.ofMillis(20), Duration.ofMillis(200), OutagePolicy.OUTAGE_KINDS);

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @TempDir
    Path dir;

    private Workspace workspace(SimulatedLlmServer sim) {
        return workspace(sim, RunLease.HEARTBEAT, RunLease.STALE_AFTER);
    }

    private Workspace workspace(SimulatedLlmServer sim, Duration heartbeat, Duration staleAfter) {
        List<String> flags = List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#sim-model",
                "models.sim.max_concurrency=16",
                "roles.scorer=sim",
                "store.path=" + dir.resolve("runs.db"),
                "runs_dir=" + dir.resolve("runs"),
                "cache.mode=off");
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
        return Workspace.builder(config)
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .outagePolicy(FAST_PROBES)
                .leaseTiming(heartbeat, staleAfter)
                .build();
    }

    private static List<CompletableFuture<ChatResponse>> calls(LanguageModel model, String prefix) {
        List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(model.chat(ChatRequest.ofUser(prefix + i)));
        }
        return calls;
    }

    private static LlmException.Kind failureOf(CompletableFuture<ChatResponse> call) throws Exception {
        try {
            call.get(2, TimeUnit.SECONDS);
            throw new AssertionError("the call was answered");
        } catch (ExecutionException e) {
            return LlmException.unwrap(e, null).kind();
        }
    }

    @Test
    void aStopCancelsThatRunsCallsToAnEndpointThatNeverAnswersAndNoOtherRunsCalls() throws Exception {
        sim.reply((r, i) -> "answer");
        sim.inject(FaultRule.always(Fault.TIMEOUT)); // accepts the request and never answers
        try (Workspace ws = workspace(sim); ActiveRun a = ws.startRun("stop", "a", null); ActiveRun b = ws.startRun("stop", "b", null)) {
            List<CompletableFuture<ChatResponse>> ofA = calls(a.model(ModelRoles.SCORER), "a");
            List<CompletableFuture<ChatResponse>> ofB = calls(b.model(ModelRoles.SCORER), "b");
            waitFor(() -> sim.requestCount() >= 6);

            long t0 = System.nanoTime();
            a.requestStop();
            for (CompletableFuture<ChatResponse> call : ofA) {
                assertThat(failureOf(call)).isEqualTo(LlmException.Kind.CANCELLED);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(millis).as("the stop ended the calls in flight").isLessThan(2_000);
            // later calls of the stopped run (a next round, a cache hit) fail at once, without a request
            int sent = sim.requestCount();
            assertThat(failureOf(a.model(ModelRoles.SCORER).chat(ChatRequest.ofUser("after")))).isEqualTo(LlmException.Kind.CANCELLED);
            assertThat(sim.requestCount()).isEqualTo(sent);
            Thread.sleep(300);
            assertThat(ofB).as("the other run's calls are still waiting for their answer").noneMatch(CompletableFuture::isDone);
            System.out.printf("stop: 3 calls to a silent endpoint cancelled in %d ms; the other run's 3 untouched%n", millis);
            b.requestStop();
            a.finish(RunStatus.INTERRUPTED, null);
            b.finish(RunStatus.INTERRUPTED, null);
        }
    }

    @Test
    void aStopDuringAnOutageEndsThatRunsWaitsOnly() throws Exception {
        sim.reply((r, i) -> "answer");
        sim.inject(FaultRule.always(Fault.SERVER_ERROR));
        try (Workspace ws = workspace(sim); ActiveRun a = ws.startRun("stop", "a", null); ActiveRun b = ws.startRun("stop", "b", null)) {
            List<CompletableFuture<ChatResponse>> ofA = calls(a.model(ModelRoles.SCORER), "a");
            List<CompletableFuture<ChatResponse>> ofB = calls(b.model(ModelRoles.SCORER), "b");
            Thread.sleep(500); // past the retry layer's attempts: waiting for the endpoint
            a.requestStop();
            for (CompletableFuture<ChatResponse> call : ofA) {
                assertThat(failureOf(call)).isEqualTo(LlmException.Kind.CANCELLED);
            }
            Thread.sleep(300);
            assertThat(ofB).as("the other run keeps waiting for the endpoint").noneMatch(CompletableFuture::isDone);
            sim.clearFaults();
            for (CompletableFuture<ChatResponse> call : ofB) {
                assertThat(call.get(5, TimeUnit.SECONDS).text()).isEqualTo("answer");
            }
            a.finish(RunStatus.INTERRUPTED, null);
            b.finish(RunStatus.COMPLETED, null);
        }
    }

    @Test
    void aLiveLeaseKeepsASecondHolderOutUntilItIsReleasedOrStale() throws Exception {
        String id;
        try (Workspace first = workspace(sim); ActiveRun run = first.startRun("lease", "held", null);
             Workspace second = workspace(sim)) {
            id = run.id();
            assertThat(run.lease().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThatThrownBy(() -> second.resumeRun(id)).isInstanceOf(RunLeasedException.class)
                    .hasMessageStartingWith("run " + id + " is being run by pid " + ProcessHandle.current().pid() + " on host ")
                    .hasMessageContaining("; stop it first, or wait");
            assertThat(second.store().run(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            run.finish(RunStatus.INTERRUPTED, null);
        }
        try (Workspace ws = workspace(sim); ActiveRun again = ws.resumeRun(id)) {
            assertThat(again.store().lease(id)).isPresent(); // released on close, so taken at once
            again.finish(RunStatus.COMPLETED, null);
        }

        // a holder on another machine that stopped renewing: refused until its lease is stale
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            Instant now = Instant.now();
            store.acquireLease(new RunLease(id, "elsewhere", 4242, "other-host", now, now), Duration.ofMillis(600));
        }
        try (Workspace ws = workspace(sim, Duration.ofMillis(100), Duration.ofMillis(600))) {
            assertThatThrownBy(() -> ws.resumeRun(id)).isInstanceOf(RunLeasedException.class)
                    .hasMessageContaining("pid 4242 on host other-host");
            Thread.sleep(700);
            try (ActiveRun taken = ws.resumeRun(id)) {
                assertThat(taken.store().lease(id).orElseThrow().owner()).isEqualTo(taken.lease().owner());
                Thread.sleep(400); // several heartbeats
                assertThat(taken.store().lease(id).orElseThrow().heartbeatAt()).isAfter(taken.lease().heartbeatAt());
                taken.finish(RunStatus.COMPLETED, null);
            }
        }
    }

    @Test
    void aRunClosedWithoutFinishingIsRecordedFailedNotRunning() {
        String id;
        try (Workspace ws = workspace(sim)) {
            try (ActiveRun run = ws.startRun("dies", "error", null)) {
                id = run.id();
                // an exception or an OutOfMemoryError escapes the loop: finish is never called
            }
            assertThat(ws.store().run(id).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(ws.store().lease(id)).isEmpty();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
