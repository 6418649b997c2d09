package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that stays down well past the retry layer's attempts, through the real stack
 * (Workspace, ActiveRun, HTTP) against the simulated server: the calls wait and complete when it is
 * back, once each, and the run records one endpoint.down and one endpoint.up.
 */
@Timeout(60)
class EndpointOutageTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    /** Short probes, so a test outage of a second or two is many probe rounds. */
    private static final OutagePolicy FAST_PROBES = new OutagePolicy(OutagePolicy.DEFAULT_MAX_OUTAGE,
            Duration.ofMillis(20), Duration.ofMillis(200), OutagePolicy.OUTAGE_KINDS);

    @TempDir
    Path dir;

    private final AtomicBoolean down = new AtomicBoolean();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final List<RunEvent> shown = new CopyOnWriteArrayList<>();

    private Workspace workspace(SimulatedLlmServer sim, String... extra) {
        List<String> flags = new ArrayList<>(List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#sim-model",
                "models.sim.max_concurrency=4",
                "roles.scorer=sim",
                "runs_dir=" + dir.resolve("runs"),
                "cache.mode=off"));
        flags.addAll(List.of(extra));
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
        return Workspace.builder(config)
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .outagePolicy(FAST_PROBES)
                .listener(new RunListener() {
                    @Override
                    public void onEvent(RunEvent event) {
                        shown.add(event);
                    }
                })
                .build();
    }

    private void serve(SimulatedLlmServer sim) {
        sim.reply((request, i) -> {
            answered.computeIfAbsent(request.lastUserMessage(), k -> new AtomicInteger()).incrementAndGet();
            return "answer to " + request.lastUserMessage();
        });
        sim.inject(FaultRule.when(r -> down.get(), Fault.SERVER_ERROR));
    }

    @Test
    void callsWaitForTheEndpointAndCompleteOnceEachWhenItIsBack() throws Exception {
        serve(sim);
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("outage", "comes back", null)) {
            LanguageModel scorer = run.model(ModelRoles.SCORER);
            List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(scorer.chat(ChatRequest.ofUser("q" + i)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            down.set(true);
            long t0 = System.nanoTime();
            for (int i = 10; i < 30; i++) {
                calls.add(scorer.chat(ChatRequest.ofUser("q" + i)));
            }
            awaitEvent(ws, run, "endpoint.down");
            int failedWhileDown = sim.requestCount();
            Thread.sleep(1_500);
            assertThat(sim.requestCount() - failedWhileDown).as("probing went on during the outage").isGreaterThan(10);
            assertThat(calls.subList(10, 30)).noneMatch(CompletableFuture::isDone);
            long outageStart = System.nanoTime();
            down.set(false);

            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 30; i++) {
                assertThat(calls.get(i).join().text()).isEqualTo("answer to q" + i);
                assertThat(answered.get("q" + i)).as("q%d answered once", i).hasValue(1);
            }
            run.finish(RunStatus.COMPLETED, null);
            System.out.printf("endpoint outage: 20 calls waited %.1f s through %d failed requests, then each was answered"
                    + " once (30 prompts, 30 answers, 30 logged calls); events: endpoint.down x1, endpoint.up x1%n",
                    (outageStart - t0) / 1e9, sim.faultCount(Fault.SERVER_ERROR));

            assertThat(types(ws, run)).containsExactly("endpoint.down", "endpoint.up", "run.finished");
            EventRecord downEvent = ws.store().events(run.id()).get(0);
            assertThat(downEvent.message()).contains(sim.baseUrl(), "sim-model", "not answering", "server error",
                    "waiting up to 30 min", "Ctrl-C");
            assertThat(ws.store().events(run.id()).get(1).message()).contains("answers again after");
            assertThat(shown).filteredOn(e -> e.type().startsWith("endpoint.")).extracting(RunEvent::type, RunEvent::level)
                    .as("both shown at the display's default verbosity")
                    .containsExactly(Tuple.tuple("endpoint.down", RunEvent.Level.WARN),
                            Tuple.tuple("endpoint.up", RunEvent.Level.WARN));
            assertThat(ws.store().calls(run.id())).as("one logged call per prompt, none failed").hasSize(30)
                    .allSatisfy(c -> assertThat(c.error()).isNull());
        }
    }

    @Test
    void anOutageLongerThanTheMaximumFailsCleanlyNamingTheSetting() {
        serve(sim);
        down.set(true);
        try (Workspace ws = workspace(sim, "models.sim.max_outage_seconds=1");
             ActiveRun run = ws.startRun("outage", "stays down", null)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello")))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage())
                            .contains(sim.baseUrl(), "sim-model", "models.sim.max_outage_seconds=1", "raise it")
                            .doesNotContain("\n"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            assertThat(types(ws, run)).containsExactly("endpoint.down");
            assertThat(answered).isEmpty();
        }
    }

    @Test
    void aStopDoesNotWaitForTheOutage() throws Exception {
        serve(sim);
        down.set(true);
        try (Workspace ws = workspace(sim); ActiveRun run = ws.startRun("outage", "stopped", null)) {
            CompletableFuture<ChatResponse> call = run.model(ModelRoles.SCORER).chat(ChatRequest.ofUser("hello"));
            awaitEvent(ws, run, "endpoint.down");

            run.requestStop();

            assertThatThrownBy(() -> call.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(LlmException.class)
                    .hasMessageContaining("was asked to stop");
        }
    }

    @Test
    void zeroMaximumFailsAsBeforeWithoutWaiting() {
        serve(sim);
        down.set(true);
        try (Workspace ws = workspace(sim, "models.sim.max_outage_seconds=0");
             ActiveRun run = ws.startRun("outage", "never waits", null)) {
            assertThatThrownBy(() -> run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello")))
                    .isInstanceOf(LlmException.class);
            assertThat(sim.requestCount()).as("the retry layer's 3 attempts only").isEqualTo(3);
            assertThat(types(ws, run)).isEmpty();
        }
    }

    /** A typo in the URL or a server never started: no retries, no 30-minute wait, one line saying what to check. */
    @Test
    void anEndpointThatNeverAnsweredFailsAtOnceNamingTheUrl() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        List<String> flags = List.of("models.dead.spec=openai-compatible:" + url + "#m", "roles.scorer=dead",
                "runs_dir=" + dir.resolve("runs"), "cache.mode=off");
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
        try (Workspace ws = Workspace.builder(config).build(); ActiveRun run = ws.startRun("outage", "never there", null)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> run.model(ModelRoles.SCORER).call(ChatRequest.ofUser("hello")))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LlmException.Kind.UNREACHABLE);
                        assertThat(e.getMessage()).contains("connection refused", "is the server running? curl " + url + "/models")
                                .doesNotContain("\n");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("with the default retry and outage policies")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(types(ws, run)).as("no endpoint.down: nothing went down").isEmpty();
        }
    }

    /**
     * An endpoint that answered and then went away (its port now refuses): calls wait for it, and
     * 16 of them waiting cost next to no CPU.
     */
    @Test
    void waitingForARefusingEndpointThatWorkedCostsNoCpu() throws Exception {
        SimulatedLlmServer once = SimulatedLlmServer.start();
        once.reply("hi");
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=openai-compatible:" + once.baseUrl() + "#sim-model", "models.sim.max_concurrency=16",
                "roles.scorer=sim", "runs_dir=" + dir.resolve("runs"), "cache.mode=off"), "--set")).load();
        // the default outage policy (probes after 1 s, 2 s, 4 s ...); few quick retries so the outage starts soon
        try (Workspace ws = Workspace.builder(config).retryPolicy(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5))).build();
             ActiveRun run = ws.startRun("outage", "went away", null)) {
            LanguageModel scorer = run.model(ModelRoles.SCORER);
            assertThat(scorer.call(ChatRequest.ofUser("first")).text()).isEqualTo("hi");
            once.close();

            List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(scorer.chat(ChatRequest.ofUser("q" + i)));
            }
            awaitEvent(ws, run, "endpoint.down");
            assertThat(ws.store().events(run.id()).get(0).message()).contains("connection refused");
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(2_000);
            double share = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
            System.out.printf("waiting for a refusing endpoint: 16 calls waited 2 s using %.1f%% of a core%n", 100 * share);
            assertThat(calls).noneMatch(CompletableFuture::isDone);
            assertThat(share).as("share of one core used while 16 calls wait").isLessThan(0.10);
            run.requestStop();
        }
    }

    private static List<String> types(Workspace ws, ActiveRun run) {
        ws.store().flush();
        return ws.store().events(run.id()).stream().map(EventRecord::type).toList();
    }

    private static void awaitEvent(Workspace ws, ActiveRun run, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!types(ws, run).contains(type)) {
            assertThat(System.nanoTime()).as("waiting for " + type).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
