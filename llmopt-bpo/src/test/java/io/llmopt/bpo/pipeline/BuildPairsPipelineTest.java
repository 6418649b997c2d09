package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.data.PreferenceReader;
import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.export.FineTuneExporter;
import io.llmopt.bpo.export.FineTuneFormat;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pairs.PairBuilder;
import io.llmopt.bpo.pairs.PairBuilderOptions;
import io.llmopt.bpo.support.SharedData;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.RecordingListener;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatedLlmExtension.class)
class BuildPairsPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<PreferenceRecord> referenceExamples() {
        List<PreferenceRecord> records = new ArrayList<>();
        records.addAll(PreferenceReader.auto().read(SharedData.bpo("data_construction/examples_no_ctx.json")).records());
        records.addAll(PreferenceReader.auto().read(SharedData.bpo("data_construction/examples_ctx.json")).records());
        return records;
    }

    /** Replies in the reference's format; the VR record gets a reply without the marker, the data story a server error. */
    private static void script(SimulatedLlmServer sim) {
        sim.replyWhen("famous scientist", "Detailed Comparison Result: The good response explains the award.\n"
                + "Optimized Instruction: \"Name a famous scientist who won a Nobel Prize, and briefly explain what the prize was awarded for.\" [END]");
        sim.replyWhen("virtual reality", "Detailed Comparison Result: The good response is more creative. I would ask for more detail. [END]");
        sim.replyWhen("overcome adversity", "Detailed Comparison Result: The good response has a clear arc.\n"
                + "Optimized Instruction: Write a story about a person who overcomes adversity to succeed, with a clear beginning, struggle and resolution. [END]");
        sim.reply("Detailed Comparison Result: x\nOptimized Instruction: Tell a data story about time spent in meetings, with a clear insight. [END]");
        sim.inject(FaultRule.when(r -> r.lastUserMessage().contains("data story"), Fault.SERVER_ERROR));
    }

    @Test
    void buildsPairsFromBothReferenceFilesCountingKeptFilteredAndFailed(SimulatedLlmServer sim) throws Exception {
        script(sim);
        List<PreferenceRecord> records = referenceExamples();
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RecordingListener recorder = new RecordingListener();
            RunContext run = PipelineRuns.newRun(store, "bpo-pairs").withListener(recorder);
            BuildPairsPipeline pipeline = new BuildPairsPipeline(new PairBuilder(model, PairBuilderOptions.defaults()), 4);

            PipelineCounts first = pipeline.run(records, run);

            assertThat(first.count("kept")).isEqualTo(2);
            assertThat(first.count("filtered")).isEqualTo(1);
            assertThat(first.count("failed")).isEqualTo(1);
            assertThat(first.total()).isEqualTo(4);
            List<WorkItem> items = store.workItems(run.runId(), PairItems.KIND);
            assertThat(items).hasSize(4);
            assertThat(items).filteredOn(i -> i.status().equals(WorkItem.FAILED)).singleElement()
                    .satisfies(i -> assertThat(JSON.readTree(i.payloadJson()).get("reason").asText()).contains("500"));
            JsonNode filtered = items.stream().map(i -> read(i.payloadJson())).filter(p -> p.get("status").asText().equals("filtered"))
                    .findFirst().orElseThrow();
            assertThat(filtered.get("reason").asText()).contains("Optimized Instruction:");
            assertThat(filtered.get("original").isNull()).isTrue();
            assertThat(recorder.events()).anySatisfy(e -> assertThat(e.type()).isEqualTo("build-pairs.failed"));
            assertThat(recorder.events().getLast().data()).containsEntry("kept", 2L).containsEntry("filtered", 1L).containsEntry("failed", 1L);
            assertThat(recorder.progress().getLast().unitsDone()).isEqualTo(4);

            // the server recovers: a re-run retries only the failed record
            sim.clearFaults();
            sim.clear();
            PipelineCounts second = pipeline.run(records, run);
            assertThat(sim.chatRequests()).singleElement().satisfies(r -> assertThat(r.lastUserMessage()).contains("data story"));
            assertThat(second.resumed()).isEqualTo(3);
            assertThat(second.count("kept")).isEqualTo(1);
            assertThat(store.workItems(run.runId(), PairItems.KIND)).hasSize(4).allMatch(i -> i.status().equals(WorkItem.DONE));

            List<OptimizedPair> kept = PairItems.keptPairs(store, run.runId());
            assertThat(kept).hasSize(3);
            Path jsonl = dir.resolve("pairs.jsonl");
            assertThat(new FineTuneExporter(FineTuneExporter.UserTurn.FULL_TEMPLATE).write(kept, FineTuneFormat.OPENAI_CHAT_JSONL, jsonl)).isEqualTo(3);
            assertThat(Files.readAllLines(jsonl)).hasSize(3)
                    .anySatisfy(l -> assertThat(read(l).at("/messages/1/content").asText()).startsWith("Name a famous scientist who won a Nobel Prize, and briefly"));
        }
    }

    @Test
    void resumesAfterAStopWithoutProcessingAnyRecordTwice(SimulatedLlmServer sim) {
        sim.latency(Duration.ofMillis(5));
        sim.reply((SimRequest r, int i) -> "Detailed Comparison Result: x\nOptimized Instruction: "
                + r.lastUserMessage().lines().findFirst().orElseThrow().replace("instruction: ", "") + " Please be specific and detailed. [END]");
        List<PreferenceRecord> records = IntStream.range(0, 40)
                .mapToObj(i -> PreferenceRecord.of("Explain topic number " + i + " to a curious student", "good " + i, "bad " + i))
                .toList();
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            PipelineRuns.StopAfter stopper = new PipelineRuns.StopAfter(10);
            RunContext run = PipelineRuns.newRun(store, "bpo-pairs").withListener(stopper).withStop(stopper::stop);
            BuildPairsPipeline pipeline = new BuildPairsPipeline(new PairBuilder(model, PairBuilderOptions.defaults()), 4);

            PipelineCounts interrupted = pipeline.run(records, run);
            assertThat(interrupted.stopped()).isTrue();
            assertThat(interrupted.processed()).isBetween(10L, 14L); // the records in flight when the stop came finish
            assertThat(store.workItems(run.runId(), PairItems.KIND)).hasSize((int) interrupted.processed());

            PipelineCounts resumed = pipeline.run(records, run.withListener(null).withStop(null));
            assertThat(resumed.stopped()).isFalse();
            assertThat(resumed.resumed()).isEqualTo(interrupted.processed());
            assertThat(resumed.processed()).isEqualTo(40 - interrupted.processed());
            assertThat(store.workItems(run.runId(), PairItems.KIND)).hasSize(40);
            List<String> prompts = sim.chatRequests().stream().map(SimRequest::lastUserMessage).toList();
            assertThat(prompts).hasSize(40).doesNotHaveDuplicates();
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
