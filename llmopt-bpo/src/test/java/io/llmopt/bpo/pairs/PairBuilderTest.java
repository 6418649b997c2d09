package io.llmopt.bpo.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.data.PreferenceReader;
import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.support.SharedData;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairBuilderTest {

    @Test
    void sendsThePairPromptAtTemperatureNinetenthsAndKeepsGoodReplies() {
        List<PreferenceRecord> records = PreferenceReader.auto()
                .read(SharedData.bpo("data_construction/examples_no_ctx.json")).records();
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("Detailed Comparison Result: the good one explains.\n"
                + "Optimized Instruction: \"Name a famous scientist who won a Nobel Prize and explain why.\" [END]");
        PairBuildReport report = new PairBuilder(model, PairBuilderOptions.defaults())
                .build(records, Set.of(), PairListener.NONE).join();

        ChatRequest request = model.requests().getFirst();
        assertThat(request.temperature()).isEqualTo(0.9);
        assertThat(request.messages()).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo(PairPrompt.of(records.getFirst())));
        assertThat(request.lastUserContent()).startsWith("instruction: \"Name a famous scientist who won a Nobel Prize.\"\n\nbad response:\n\"Albert Einstein");

        assertThat(report.outcomes()).extracting(PairOutcome::recordId).containsExactly(records.get(0).id(), records.get(1).id());
        PairOutcome first = report.outcomes().getFirst();
        assertThat(first.status()).isEqualTo(PairOutcome.Status.KEPT);
        assertThat(first.pair().prompt()).isEqualTo("Name a famous scientist who won a Nobel Prize.");
        assertThat(first.pair().optimizedPrompt()).isEqualTo("Name a famous scientist who won a Nobel Prize and explain why.");
        assertThat(first.pair().comparison()).isEqualTo("Detailed Comparison Result: the good one explains.\n");
        assertThat(first.pair().kept()).isTrue();
    }

    @Test
    void eachRecordsSampledCallCarriesASeedFromTheRunSeedAndTheRecordTheSameOnResume() {
        List<PreferenceRecord> records = List.of(PreferenceRecord.of("Write a poem", "g", "b"),
                PreferenceRecord.of("Explain tides", "g", "b"));
        String reply = "Detailed Comparison Result: x\nOptimized Instruction: a better one [END]";
        ScriptedLanguageModel first = ScriptedLanguageModel.constant(reply);
        new PairBuilder(first, PairBuilderOptions.defaults()).build(records, Set.of(), PairListener.NONE).join();
        ScriptedLanguageModel resumed = ScriptedLanguageModel.constant(reply);
        new PairBuilder(resumed, PairBuilderOptions.defaults()).build(records.subList(1, 2), Set.of(), PairListener.NONE).join();

        Long seedOfSecond = first.requests().stream().filter(r -> r.lastUserContent().contains("Explain tides"))
                .findFirst().orElseThrow().seed();
        assertThat(first.requests()).extracting(ChatRequest::seed).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(resumed.requests().getFirst().seed()).isEqualTo(seedOfSecond);
        assertThat(PairBuilder.seedFor(1, "r")).isNotEqualTo(PairBuilder.seedFor(2, "r")).isNotNegative();
    }

    @Test
    void reportsKeptFilteredAndFailedPerRecordAndSkipsKnownIds() {
        List<PreferenceRecord> records = List.of(
                PreferenceRecord.of("Write a poem about the sea", "g", "b"),
                PreferenceRecord.of("Explain gravity to a child in simple words please", "g", "b"),
                PreferenceRecord.of("List three fruits", "g", "b"),
                PreferenceRecord.of("Say hello", "g", "b"),
                PreferenceRecord.of("Already done", "g", "b"));
        ScriptedLanguageModel model = ScriptedLanguageModel.replying(r -> {
            String p = r.lastUserContent();
            if (p.contains("poem")) {
                return List.of("Detailed Comparison Result: x\nOptimized Instruction: Write a vivid poem about the sea. [END]");
            }
            if (p.contains("gravity")) {
                return List.of("Detailed Comparison Result: x\nOptimized Instruction: Gravity? [END]");
            }
            if (p.contains("fruits")) {
                return List.of("I think the good response is better because it is longer.");
            }
            return null; // "Say hello": the call fails
        });
        List<PairOutcome> heard = Collections.synchronizedList(new ArrayList<>());
        PairBuildReport report = new PairBuilder(model, PairBuilderOptions.defaults())
                .build(records, Set.of(records.get(4).id()), heard::add).join();

        assertThat(report.skipped()).isEqualTo(1);
        assertThat(model.requests()).hasSize(4);
        assertThat(report.outcomes()).extracting(PairOutcome::status).containsExactly(
                PairOutcome.Status.KEPT, PairOutcome.Status.FILTERED, PairOutcome.Status.FILTERED, PairOutcome.Status.FAILED);
        assertThat(report.outcomes().get(1).reason()).contains("too short");
        assertThat(report.outcomes().get(1).pair().filterReason()).contains("too short");
        assertThat(report.outcomes().get(2).reason()).isEqualTo("reply has no 'Optimized Instruction:'");
        assertThat(report.outcomes().get(2).pair()).isNull();
        assertThat(report.outcomes().get(2).reply()).startsWith("I think");
        assertThat(report.outcomes().get(3).reason()).contains("scripted failure");
        assertThat(heard).containsExactlyInAnyOrderElementsOf(report.outcomes());
        assertThat(report.keptPairs()).extracting(OptimizedPair::optimizedPrompt).containsExactly("Write a vivid poem about the sea.");
        assertThat(report.summary()).isEqualTo("1 kept, 2 filtered, 1 failed, 1 skipped");
    }

    @Test
    void contextRecordsAreNotFilteredByDefaultAndGetTheirContextBack() {
        PreferenceRecord record = PreferenceRecord.withContext("Summarize the following:", "A long article text.", "g", "b");
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("Detailed Comparison Result: x\nOptimized Instruction: Summarize the following article in three concise bullet points that capture the main argument and its evidence and the conclusion and its implications for readers [END]");
        PairOutcome outcome = new PairBuilder(model, PairBuilderOptions.defaults())
                .build(List.of(record), Set.of(), PairListener.NONE).join().outcomes().getFirst();
        assertThat(outcome.status()).isEqualTo(PairOutcome.Status.KEPT);
        assertThat(outcome.pair().prompt()).isEqualTo("Summarize the following:\nA long article text.");
        assertThat(outcome.pair().optimizedPrompt()).endsWith("implications for readers\nA long article text.");
        assertThat(model.requests().getFirst().lastUserContent()).contains("context:\n\"A long article text.\"");

        PairOutcome strict = new PairBuilder(model, PairBuilderOptions.defaults().withFilters(PairFilters.reference(), true))
                .build(List.of(record), Set.of(), PairListener.NONE).join().outcomes().getFirst();
        assertThat(strict.status()).isEqualTo(PairOutcome.Status.FILTERED);
    }

    @Test
    void respectsTheConcurrencyLimitAndKeepsInputOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            ScriptedLanguageModel model = ScriptedLanguageModel.async(r -> {
                sleep(5);
                String instruction = r.lastUserContent().lines().findFirst().orElseThrow();
                return List.of("Optimized Instruction: " + instruction.substring("instruction: \"".length(), instruction.length() - 1) + " now [END]");
            }, pool);
            List<PreferenceRecord> records = IntStream.range(0, 40)
                    .mapToObj(i -> PreferenceRecord.of("Task number " + i, "g", "b")).toList();
            PairBuildReport report = new PairBuilder(model, PairBuilderOptions.defaults().withMaxConcurrency(3))
                    .build(records, Set.of(), PairListener.NONE).get(30, TimeUnit.SECONDS);
            assertThat(model.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThan(1);
            assertThat(report.outcomes()).extracting(o -> o.pair().optimizedPrompt())
                    .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "Task number " + i + " now").toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void synchronousModelsDoNotOverflowTheStack() {
        List<PreferenceRecord> records = IntStream.range(0, 20_000)
                .mapToObj(i -> PreferenceRecord.of("Task " + i, "g", "b")).toList();
        PairBuildReport report = new PairBuilder(ScriptedLanguageModel.constant("Optimized Instruction: Do the task well [END]"),
                PairBuilderOptions.defaults().withMaxConcurrency(1)).build(records, Set.of(), PairListener.NONE).join();
        assertThat(report.outcomes()).hasSize(20_000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
