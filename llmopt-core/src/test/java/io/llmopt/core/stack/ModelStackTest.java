package io.llmopt.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.accounting.SendingLanguageModel;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.batch.BatchChannel;
import io.llmopt.core.batch.BatchSettings;
import io.llmopt.core.batch.BatchingLanguageModel;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.InMemoryResponseCache;
import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.fakes.Layers;
import io.llmopt.core.http.BatchWire;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.outage.OutageEvent;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.retry.RetryingLanguageModel;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ModelStackTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    /** Short probes, so a test outage is many probe rounds in well under a second. */
    private static final OutagePolicy FAST_PROBES = new OutagePolicy(Duration.ofMinutes(1),
            Duration.ofMillis(20), Duration.ofMillis(100), OutagePolicy.OUTAGE_KINDS);

    private final RetryPolicy fastRetry = RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void layersComeInTheRecommendedOrder() {
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, List.of(new FakeLanguageModel("m"), new FakeLanguageModel("m")))
                .limits(LimitPolicy.concurrency(4))
                .retry(fastRetry)
                .outage(OutagePolicy.waitingUpTo(Duration.ofMinutes(1)))
                .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE)
                .budget(Budget.tokens(1_000))
                .build();

        assertThat(Layers.of(stack)).containsExactly(AccountingLanguageModel.class, BudgetLanguageModel.class,
                CachingLanguageModel.class, OutageTolerantLanguageModel.class, RetryingLanguageModel.class,
                LimitingLanguageModel.class, SendingLanguageModel.class, PooledLanguageModel.class);
    }

    @Test
    void theChainIsBuiltInTheOrderOfTheOneLayerList() {
        BatchChannel unused = (id, endpoint, lines, stop) -> {
            throw new AssertionError("no call is made");
        };
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, List.of(new FakeLanguageModel("m"), new FakeLanguageModel("m")))
                .limits(LimitPolicy.concurrency(4)).retry(fastRetry).outage(OutagePolicy.waitingUpTo(Duration.ofMinutes(1)))
                .batch(new BatchMode(unused, new BatchWire("m"), BatchSettings.defaults(), "run-1"))
                .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE).budget(Budget.tokens(1_000))
                .sampling(io.llmopt.core.llm.Sampling.builder().topK(50).build()).build();
        // every layer configured: the chain is Layer's list, top to bottom, one layer per entry
        List<String> built = stack.layers().stream().map(l -> l.getClass().getSimpleName()).toList();
        assertThat(built).hasSize(Layer.values().length);
        for (int i = 0; i < built.size(); i++) {
            assertThat(built.get(i).toUpperCase()).startsWith(Layer.values()[i].name().substring(0, 4));
        }
        assertThat(stack.layer(BudgetLanguageModel.class)).isPresent();
        // the batching layer sits below the cache and above the outage, retry and limit layers, as the list says
        assertThat(stack.layers()).extracting(Object::getClass).containsSubsequence(CachingLanguageModel.class,
                BatchingLanguageModel.class, OutageTolerantLanguageModel.class, LimitingLanguageModel.class);
        assertThat(stack.layer(PooledLanguageModel.class)).containsSame(stack.pool().orElseThrow());
    }

    @Test
    void aCallerAsksTheStackForItsConcurrencyCapInsteadOfWalkingTheChain() {
        ModelStack capped = ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m"))
                .limits(LimitPolicy.concurrency(12)).retry(fastRetry).build();
        assertThat(capped.maxConcurrency()).hasValue(12);
        assertThat(capped.settings().retry()).isEqualTo(fastRetry);
        assertThat(capped.settings().cacheMode()).isEqualTo(CacheMode.OFF);
        assertThat(ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m")).build().maxConcurrency()).isEmpty();
        // a limiter of rates only does not cap concurrency
        assertThat(ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m")).limits(LimitPolicy.of(0, 60, 0))
                .build().maxConcurrency()).isEmpty();
        // a role over shared layers reports the shared layers' settings
        SharedLayers shared = SharedLayers.builder("gpt", new FakeLanguageModel("m")).maxConcurrency(7).build();
        assertThat(ModelStack.builder(ModelRoles.JUDGE, shared).build().maxConcurrency()).hasValue(7);
    }

    @Test
    void unconfiguredLayersAreLeftOut() {
        ModelStack stack = ModelStack.builder(ModelRoles.JUDGE, new FakeLanguageModel("m")).retry(RetryPolicy.none()).build();
        // the sending layer has no options: it is how accounting learns that a request leaves
        assertThat(Layers.of(stack)).containsExactly(AccountingLanguageModel.class, SendingLanguageModel.class,
                FakeLanguageModel.class);
        assertThat(stack.retryStats()).isEmpty();
        assertThat(stack.outage()).isEmpty();
    }

    @Test
    void aRetriedThenCachedCallIsBookedOnceAndRepeatsForFree() {
        FakeLanguageModel backend = new FakeLanguageModel("m").failNext(1, LlmException.Kind.SERVER_ERROR);
        UsageLedger ledger = new UsageLedger();
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, backend)
                .maxConcurrency(2)
                .retry(fastRetry)
                .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE)
                .ledger(ledger)
                .build();
        ChatRequest request = ChatRequest.ofUser("x".repeat(40));

        String first = stack.call(request).text();
        String second = stack.call(request).text();

        assertThat(second).isEqualTo(first);
        assertThat(backend.callCount()).isEqualTo(2);
        assertThat(stack.retryStats().orElseThrow().snapshot().retries()).isEqualTo(1);
        assertThat(ledger.usageOf(ModelRoles.SCORER).calls()).isEqualTo(2);
        assertThat(ledger.usageOf(ModelRoles.SCORER).cacheHits()).isEqualTo(1);
        assertThat(ledger.total().errors()).isZero();
        assertThat(stack.limiter().orElseThrow().maxObservedConcurrency()).isEqualTo(1);
    }

    @Test
    void budgetSharedAcrossRolesStopsThemAll() {
        UsageLedger ledger = new UsageLedger();
        LanguageModel optimizer = ModelStack.builder(ModelRoles.OPTIMIZER, new FakeLanguageModel("m"))
                .ledger(ledger).budget(Budget.tokens(10)).build();
        LanguageModel scorer = ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m"))
                .ledger(ledger).budget(Budget.tokens(10)).build();

        optimizer.call(ChatRequest.ofUser("x".repeat(40)));

        assertThatThrownBy(() -> scorer.call(ChatRequest.ofUser("y")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.BUDGET_EXCEEDED));
    }

    /**
     * One slot and four calls at once to a backend answering in 60 ms: each call's time at the
     * server is about 60 ms, and the rest of its wall time is logged as waiting for the slot, not as
     * latency (the report said "mean latency 1,271 ms" of a server answering in 0.1 ms).
     */
    @Test
    void theCallLogKeepsTimeAtTheServerApartFromTimeWaitingForASlot() {
        List<io.llmopt.core.accounting.LlmCallRecord> logged = new CopyOnWriteArrayList<>();
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m").latency(Duration.ofMillis(60)))
                .maxConcurrency(1)
                .callListener(logged::add)
                .build();
        List<CompletableFuture<ChatResponse>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(stack.chat(ChatRequest.ofUser("q" + i)));
        }
        calls.forEach(CompletableFuture::join);

        assertThat(logged).hasSize(4).allSatisfy(c -> {
            assertThat(c.serverMillis()).isBetween(55L, 400L);
            assertThat(c.serverMillis() + c.slotWaitMillis()).isLessThanOrEqualTo(c.latencyMillis() + 1);
        });
        long maxWait = logged.stream().mapToLong(c -> c.slotWaitMillis()).max().orElseThrow();
        assertThat(maxWait).as("the last call waited for the three before it").isGreaterThanOrEqualTo(170);
    }

    /**
     * 300 calls sent at once against the simulated server, with a cost cap worth about 20 of them:
     * the run spends no more than its cap plus one call (it used to spend all 300 calls, since each
     * saw nothing spent yet when it was sent).
     */
    @Test
    void manyConcurrentCallsSpendAtMostTheCostCapPlusOneCall() {
        sim.reply("word ".repeat(40)).latency(Duration.ofMillis(20));
        UsageLedger ledger = new UsageLedger();
        double cap = 0.30;
        try (ModelStack stack = ModelStack.builder(ModelRoles.SCORER, OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model").build())
                .maxConcurrency(64)
                .ledger(ledger)
                .budget(Budget.cost(cap))
                .prices(io.llmopt.core.accounting.PriceTable.empty().with("sim-model", 200, 200))
                .build()) {
            List<CompletableFuture<ChatResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                calls.add(stack.chat(ChatRequest.builder().user("question " + i + " " + "x".repeat(200)).maxTokens(60).build()));
            }
            long refused = calls.stream().filter(c -> {
                try {
                    c.join();
                    return false;
                } catch (java.util.concurrent.CompletionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(LlmException.class,
                            l -> assertThat(l.kind()).isEqualTo(LlmException.Kind.BUDGET_EXCEEDED));
                    return true;
                }
            }).count();

            double perCall = ledger.total().cost() / (300 - refused);
            assertThat(refused).as("calls refused by the budget").isPositive();
            assertThat(ledger.total().cost()).as("spent, with a $%.2f cap and $%.4f a call", cap, perCall)
                    .isLessThanOrEqualTo(cap + perCall);
            assertThat(sim.requestCount()).isEqualTo(300 - (int) refused);
        }
    }

    @Test
    void theOutageLayerHoldsACallUntilTheEndpointIsBack() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        sim.reply("The answer is 42.");
        sim.inject(FaultRule.when(r -> down.get(), Fault.SERVER_ERROR));
        List<OutageEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch announced = new CountDownLatch(1);
        try (ModelStack stack = ModelStack.builder(ModelRoles.SCORER, OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model").build())
                .retry(fastRetry)
                .outage(FAST_PROBES)
                .outageListener(e -> {
                    events.add(e);
                    announced.countDown();
                })
                .build()) {
            CompletableFuture<ChatResponse> call = stack.chat(ChatRequest.ofUser("What is 6*7?"));
            assertThat(announced.await(10, TimeUnit.SECONDS)).as("endpoint.down announced").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sim.requestCount() <= 6) {
                assertThat(System.nanoTime()).as("probing after the retries gave up").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(call).as("still waiting, two rounds of retries later").isNotDone();

            down.set(false);

            assertThat(call.get(10, TimeUnit.SECONDS).text()).isEqualTo("The answer is 42.");
            assertThat(events).extracting(OutageEvent::type).containsExactly(OutageEvent.Type.DOWN, OutageEvent.Type.UP);
            assertThat(stack.ledger().usageOf(ModelRoles.SCORER).calls()).as("one logical call").isEqualTo(1);
            assertThat(stack.ledger().total().errors()).isZero();
        }
    }

    @Test
    void withoutTheOutageLayerADownEndpointFailsAfterTheRetries() {
        sim.inject(FaultRule.always(Fault.SERVER_ERROR));
        try (ModelStack stack = ModelStack.builder(ModelRoles.SCORER, OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model").build())
                .retry(fastRetry)
                .build()) {
            assertThatThrownBy(() -> stack.call(ChatRequest.ofUser("hello")))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER_ERROR));
            assertThat(sim.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void rolesOverSharedLayersShareTheirLimitsAndDoNotCloseThem() {
        AtomicBoolean closed = new AtomicBoolean();
        LanguageModel backend = new ForwardingLanguageModel(new FakeLanguageModel("m")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        SharedLayers model = SharedLayers.builder("m", backend).maxConcurrency(2).retry(fastRetry).build();
        ModelStack scorer = ModelStack.builder(ModelRoles.SCORER, model).budget(Budget.tokens(1_000)).build();
        ModelStack optimizer = ModelStack.builder(ModelRoles.OPTIMIZER, model).build();

        assertThat(scorer.limiter()).containsSame(optimizer.limiter().orElseThrow());
        assertThat(Layers.of(scorer)).containsExactly(AccountingLanguageModel.class, BudgetLanguageModel.class,
                RetryingLanguageModel.class, LimitingLanguageModel.class, SendingLanguageModel.class, backend.getClass(),
                FakeLanguageModel.class);
        assertThatThrownBy(() -> ModelStack.builder(ModelRoles.JUDGE, model).maxConcurrency(8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SharedLayers.Builder");

        scorer.close();
        assertThat(closed).as("the shared layers belong to whoever built them").isFalse();
        model.close();
        assertThat(closed).isTrue();
    }

}
