package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.data.AlpacaReader;
import io.llmopt.bpo.data.AlpacaRecord;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.ZeroShotRewriter;
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
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * rewrite-dataset against the simulated server: an Alpaca file in, the same records out with
 * {@code optimized_prompt} (the rewrite) and {@code res} (the responder's answer to the rewrite).
 */
@ExtendWith(SimulatedLlmExtension.class)
class RewriteDatasetPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REWRITE_PREFIX = "In detail: ";

    @TempDir
    Path dir;

    /** The rewriter prefixes the prompt it is asked about; the responder echoes the prompt it answers. */
    private static void script(SimulatedLlmServer sim) {
        sim.reply((SimRequest r, int sample) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE)) {
                // the rewriter instruction ends with "...response:\n" followed by the prompt itself
                return REWRITE_PREFIX + user.substring(user.indexOf(":\n") + 2);
            }
            return "answer to <" + user + ">";
        });
    }

    private static RewriteDatasetPipeline pipeline(LanguageModel model, int concurrency) {
        IterativeRewriter rewriter = new IterativeRewriter(new ZeroShotRewriter(model, ChatRewriterOptions.defaults()), 1);
        return new RewriteDatasetPipeline(rewriter, model, ResponderOptions.defaults(), concurrency);
    }

    private List<AlpacaRecord> alpaca(String json) throws Exception {
        return AlpacaReader.read(Files.writeString(dir.resolve("alpaca.json"), json)).records();
    }

    private static JsonNode written(List<AlpacaRecord> records, RunContext run) throws Exception {
        StringWriter out = new StringWriter();
        int n = RewriteDatasetPipeline.writeJson(records, run, out);
        JsonNode array = JSON.readTree(out.toString());
        assertThat(array).hasSize(n);
        return array;
    }

    @Test
    void keepsEveryFieldAndAddsTheRewrittenPromptAndItsResponse(SimulatedLlmServer sim) throws Exception {
        script(sim);
        List<AlpacaRecord> records = alpaca("""
                [
                  {"instruction": "Give three tips for staying healthy.", "input": "", "output": "1. Eat well."},
                  {"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour", "source": "alpaca"},
                  {"instruction": "What is the capital of France?", "output": "Paris.", "id": "q-7"}
                ]
                """);
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RunContext run = PipelineRuns.newRun(store, "bpo-rewrite-dataset");
            PipelineCounts counts = pipeline(model, 4).run(records, run);

            assertThat(counts.count(RewriteDatasetPipeline.WRITTEN)).isEqualTo(3);
            assertThat(counts.count(PipelineProgress.FAILED)).isZero();
            assertThat(counts.remaining()).isZero();
            JsonNode out = written(records, run);
            assertThat(out.get(0).get("instruction").asText()).isEqualTo("Give three tips for staying healthy.");
            assertThat(out.get(0).get("output").asText()).isEqualTo("1. Eat well.");
            assertThat(out.get(0).get("optimized_prompt").asText()).isEqualTo(REWRITE_PREFIX + "Give three tips for staying healthy.");
            assertThat(out.get(0).get("res").asText()).isEqualTo("answer to <" + REWRITE_PREFIX + "Give three tips for staying healthy.>");
            // the input is part of the prompt that is rewritten; unknown fields travel along untouched
            assertThat(out.get(1).get("optimized_prompt").asText()).isEqualTo(REWRITE_PREFIX + "Translate to French.\nGood morning");
            assertThat(out.get(1).get("input").asText()).isEqualTo("Good morning");
            assertThat(out.get(1).get("source").asText()).isEqualTo("alpaca");
            assertThat(out.get(2).get("id").asText()).isEqualTo("q-7");
            assertThat(out).allSatisfy(row -> assertThat(row.fieldNames()).toIterable().contains("optimized_prompt", "res", "output"));
            // one rewrite and one response per record, the responder at temperature 0 without a system message
            assertThat(sim.chatRequests()).hasSize(6);
            assertThat(sim.chatRequests()).filteredOn(r -> r.systemMessage().isEmpty()).hasSize(3)
                    .allMatch(r -> r.temperature() == 0.0);
        }
    }

    @Test
    void aFailedResponseIsRecordedLeftOutOfTheDataSetAndRetriedWithoutRewritingAgain(SimulatedLlmServer sim) throws Exception {
        script(sim);
        List<AlpacaRecord> records = alpaca("""
                [
                  {"instruction": "Name a primary colour.", "output": "Red"},
                  {"instruction": "Summarise the plot of Hamlet.", "output": "A prince avenges his father."},
                  {"instruction": "Count to three.", "output": "1, 2, 3"}
                ]
                """);
        // only the responder's call for Hamlet fails: its rewrite succeeds and is stored
        sim.inject(FaultRule.when(r -> r.systemMessage().isEmpty() && r.lastUserMessage().contains("Hamlet"), Fault.SERVER_ERROR));
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RecordingListener recorder = new RecordingListener();
            RunContext run = PipelineRuns.newRun(store, "bpo-rewrite-dataset").withListener(recorder);
            PipelineCounts first = pipeline(model, 2).run(records, run);

            assertThat(first.count(RewriteDatasetPipeline.WRITTEN)).isEqualTo(2);
            assertThat(first.count(PipelineProgress.FAILED)).isEqualTo(1);
            assertThat(first.remaining()).isEqualTo(1);
            assertThat(store.workItems(run.runId(), RewriteDatasetPipeline.KIND))
                    .filteredOn(i -> i.status().equals(WorkItem.FAILED)).singleElement()
                    .satisfies(i -> assertThat(i.key()).isEqualTo("1"))
                    .satisfies(i -> assertThat(JSON.readTree(i.payloadJson()).get("error").asText()).contains("500"));
            assertThat(recorder.events()).anySatisfy(e -> assertThat(e.message()).contains("record 1 failed"));
            assertThat(written(records, run)).extracting(row -> row.get("output").asText()).containsExactly("Red", "1, 2, 3");

            sim.clearFaults();
            int before = sim.chatRequests().size();
            PipelineCounts second = pipeline(model, 2).run(records, run.withListener(null));

            assertThat(second.resumed()).isEqualTo(2);
            assertThat(second.count(RewriteDatasetPipeline.WRITTEN)).isEqualTo(1);
            assertThat(second.remaining()).isZero();
            // the stored rewrite is reused: the retry is the response alone
            assertThat(sim.chatRequests().subList(before, sim.chatRequests().size())).singleElement()
                    .satisfies(r -> assertThat(r.systemMessage()).isEmpty())
                    .satisfies(r -> assertThat(r.lastUserMessage()).isEqualTo(REWRITE_PREFIX + "Summarise the plot of Hamlet."));
            assertThat(store.workItems(run.runId(), RewriteDatasetPipeline.KIND)).hasSize(3)
                    .allMatch(i -> i.status().equals(WorkItem.DONE));
            assertThat(written(records, run)).extracting(row -> row.get("output").asText())
                    .containsExactly("Red", "A prince avenges his father.", "1, 2, 3");
        }
    }

    @Test
    void aStoppedRunResumesWithoutProcessingAnyRecordTwice(SimulatedLlmServer sim) throws Exception {
        script(sim);
        List<String> lines = new ArrayList<>();
        IntStream.rangeClosed(1, 30).forEach(i -> lines.add("{\"instruction\": \"Explain fact number " + i + ".\", \"output\": \"o" + i + "\"}"));
        Path file = Files.write(dir.resolve("alpaca.jsonl"), lines);
        List<AlpacaRecord> records = AlpacaReader.read(file).records();
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            PipelineRuns.StopAfter stopper = new PipelineRuns.StopAfter(10);
            RunContext run = PipelineRuns.newRun(store, "bpo-rewrite-dataset").withListener(stopper).withStop(stopper::stop);
            PipelineCounts stopped = pipeline(model, 4).run(records, run);
            assertThat(stopped.stopped()).isTrue();
            assertThat(stopped.processed()).isBetween(10L, 29L);
            assertThat(written(records, run)).hasSize((int) stopped.processed());

            PipelineCounts resumed = pipeline(model, 4).run(records, run.withListener(null).withStop(null));
            assertThat(resumed.stopped()).isFalse();
            assertThat(resumed.resumed()).isEqualTo(stopped.processed());
            assertThat(resumed.processed()).isEqualTo(30 - stopped.processed());

            assertThat(sim.chatRequests()).hasSize(60);
            assertThat(sim.chatRequests().stream().map(r -> r.systemMessage() + "|" + r.lastUserMessage()).toList()).doesNotHaveDuplicates();
            assertThat(store.workItems(run.runId(), RewriteDatasetPipeline.KIND)).hasSize(30);
            assertThat(store.workItems(run.runId(), RewriteItems.KIND)).hasSize(30);
            assertThat(written(records, run)).extracting(row -> row.get("output").asText())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).mapToObj(i -> "o" + i).toList());
        }
    }
}
