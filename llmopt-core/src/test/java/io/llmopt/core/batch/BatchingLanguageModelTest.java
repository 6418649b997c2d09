package io.llmopt.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.http.BatchWire;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers make ordinary calls; the layer turns them into batch jobs at the simulated provider. */
class BatchingLanguageModelTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    private final BatchJournal journal = new MemoryBatchJournal();
    private final BatchSettings settings = BatchSettings.defaults().withQuiet(Duration.ofMillis(100))
            .withPollInterval(Duration.ofMillis(10));

    private LanguageModel live() {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "m").build();
    }

    private BatchingLanguageModel batching(BatchChannel channel, AtomicBoolean stop) {
        return new BatchingLanguageModel(live(), channel, new BatchWire("m"), settings, "run-1", stop::get);
    }

    private BatchChannel provider() {
        return BatchChannel.provider(new BatchSubmitter(new OpenAiJobsClient(sim.baseUrl(), null, Duration.ofSeconds(10)),
                journal, settings.limits(), settings.pollInterval(), null));
    }

    private static List<CompletableFuture<ChatResponse>> ask(LanguageModel model, int count) {
        List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(model.chat(ChatRequest.ofUser("question " + i)));
        }
        return futures;
    }

    private long liveCalls() {
        return sim.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count() - sim.batchRequestsExecuted();
    }

    @Test
    void onlyTheBatchedPhasesCallsGoIntoJobsTheOthersGoLive() throws Exception {
        sim.reply((r, i) -> "answer to " + r.lastUserMessage());
        BatchPhases phases = BatchPhases.only(java.util.Set.of("test"));
        phases.enter("search");
        try (BatchingLanguageModel model = new BatchingLanguageModel(live(), provider(), new BatchWire("m"), settings,
                "run-1", () -> false, phases::batching)) {
            for (CompletableFuture<ChatResponse> f : ask(model, 5)) {
                assertThat(f.get(10, TimeUnit.SECONDS).batched()).isFalse();
            }
            assertThat(sim.batchCount()).isZero();
            assertThat(liveCalls()).isEqualTo(5);
            phases.enter("test");
            List<CompletableFuture<ChatResponse>> tested = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                tested.add(model.chat(ChatRequest.ofUser("test question " + i)));
            }
            for (int i = 0; i < 7; i++) {
                ChatResponse r = tested.get(i).get(10, TimeUnit.SECONDS);
                assertThat(r.batched()).isTrue();
                assertThat(r.text()).isEqualTo("answer to test question " + i);
            }
        }
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(7);
        assertThat(liveCalls()).isEqualTo(5);
    }

    @Test
    void aPhasesCallsBecomeOneJobAndEachCallerGetsItsOwnAnswer() throws Exception {
        sim.reply((r, i) -> "answer to " + r.lastUserMessage());
        try (BatchingLanguageModel model = batching(provider(), new AtomicBoolean())) {
            List<CompletableFuture<ChatResponse>> futures = ask(model, 20);
            for (int i = 0; i < 20; i++) {
                ChatResponse r = futures.get(i).get(10, TimeUnit.SECONDS);
                assertThat(r.text()).isEqualTo("answer to question " + i);
                assertThat(r.batched()).isTrue();
            }
        }
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(liveCalls()).isZero();
    }

    @Test
    void batchedCallsAreBookedAtTheBatchPrice() throws Exception {
        sim.reply("four words of answer");
        UsageLedger ledger = new UsageLedger();
        PriceTable prices = PriceTable.empty().with("m", 1000, 1000);
        try (BatchingLanguageModel batching = batching(provider(), new AtomicBoolean());
             LanguageModel liveModel = live()) {
            LanguageModel batched = new AccountingLanguageModel(batching, "scorer", ledger, prices, CallListener.NONE);
            batched.call(ChatRequest.ofUser("one two three"));
            double batchCost = ledger.snapshot().total().cost();
            UsageLedger liveLedger = new UsageLedger();
            new AccountingLanguageModel(liveModel, "scorer", liveLedger, prices, CallListener.NONE)
                    .call(ChatRequest.ofUser("one two three"));
            assertThat(batchCost).isPositive().isCloseTo(liveLedger.snapshot().total().cost() * 0.5, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aRequestTheBatchCouldNotRunIsMadeLive() throws Exception {
        sim.reply("fine").inject(FaultRule.when(r -> r.lastUserMessage().equals("question 2")
                && sim.batchRequestsExecuted() < 3, Fault.SERVER_ERROR));
        try (BatchingLanguageModel model = batching(provider(), new AtomicBoolean())) {
            List<CompletableFuture<ChatResponse>> futures = ask(model, 3);
            assertThat(futures.get(2).get(10, TimeUnit.SECONDS).text()).isEqualTo("fine");
            assertThat(futures.get(2).get().batched()).isFalse();
            assertThat(futures.get(0).get().batched()).isTrue();
        }
        assertThat(liveCalls()).isEqualTo(1);
    }

    @Test
    void aStopLeavesTheJobRunningAndAResumedRunCollectsItWithoutSubmittingAgain() throws Exception {
        sim.reply((r, i) -> "answer to " + r.lastUserMessage()).batchProcessingTime(Duration.ofMillis(800));
        AtomicBoolean stop = new AtomicBoolean();
        try (BatchingLanguageModel model = batching(provider(), stop)) {
            List<CompletableFuture<ChatResponse>> futures = ask(model, 5);
            while (sim.batchCount() == 0) {
                Thread.sleep(5);
            }
            stop.set(true);
            assertThatThrownBy(() -> futures.get(0).join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("stopped while its batch job runs");
        }
        try (BatchingLanguageModel model = batching(provider(), new AtomicBoolean())) {
            List<CompletableFuture<ChatResponse>> futures = ask(model, 5);
            assertThat(futures.get(4).get(10, TimeUnit.SECONDS).text()).isEqualTo("answer to question 4");
        }
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(5);
    }

    @Test
    void batchFilesRoundTripThroughAClusterThatAnswersThemLikeVllmRunBatch(@TempDir Path dir) throws Exception {
        sim.reply((r, i) -> "cluster says " + r.lastUserMessage());
        FileBatchExchange files = new FileBatchExchange(dir, Duration.ofMillis(10), null);
        Thread cluster = new Thread(() -> {
            try {
                Path input = files.inputFile("run-1");
                while (!Files.exists(input)) {
                    Thread.sleep(5);
                }
                sim.answerBatchFile(input, files.outputFile("run-1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        cluster.start();
        try (BatchingLanguageModel model = batching(files, new AtomicBoolean())) {
            List<CompletableFuture<ChatResponse>> futures = ask(model, 4);
            assertThat(futures.get(3).get(10, TimeUnit.SECONDS).text()).isEqualTo("cluster says question 3");
        }
        cluster.join();
        assertThat(Files.readAllLines(files.inputFile("run-1"))).hasSize(4);
    }

    @Test
    void aCompletionsModelsRawPromptsAreBatchedToV1CompletionsAndTheWrongFormFailsAsLive() throws Exception {
        sim.reply((r, i) -> "continued " + r.lastUserMessage());
        LanguageModel live = OpenAiCompatibleModel.builder(sim.baseUrl(), "m")
                .api(io.llmopt.core.llm.ModelApi.COMPLETIONS).build();
        try (BatchingLanguageModel model = new BatchingLanguageModel(live, provider(),
                new BatchWire("m", io.llmopt.core.llm.ModelApi.COMPLETIONS), settings, "run-1", () -> false)) {
            ChatResponse r = model.chat(ChatRequest.raw("<TEXT>x</TEXT>")).get(10, TimeUnit.SECONDS);
            assertThat(r.text()).isEqualTo("continued <TEXT>x</TEXT>");
            assertThat(r.batched()).isTrue();
            assertThat(sim.completionRequests()).singleElement().satisfies(q -> assertThat(q.prompt()).isEqualTo("<TEXT>x</TEXT>"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.call(ChatRequest.ofUser("hi")))
                    .isInstanceOfSatisfying(io.llmopt.core.llm.LlmException.class,
                            e -> assertThat(e.kind()).isEqualTo(io.llmopt.core.llm.LlmException.Kind.UNSUPPORTED_REQUEST));
        }
        assertThat(sim.batchCount()).isEqualTo(1);
    }
}
