package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pairs.PairBuilder;
import io.llmopt.bpo.pairs.PairBuilderOptions;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.InContextRewriter;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.SimilarityIndex;
import io.llmopt.bpo.rewrite.embed.EmbeddingIndex;
import io.llmopt.bpo.rewrite.embed.Embeddings;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** build-pairs, then in-context rewriting of a prompt file with the user's own pairs as examples, against a simulated server. */
@ExtendWith(SimulatedLlmExtension.class)
class InContextRewriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final List<String> INSTRUCTIONS = List.of(
            "My car does not start in winter mornings",
            "Write a poem about the sea",
            "Give me a recipe for sourdough bread",
            "Explain how vaccines train the immune system");

    private List<OptimizedPair> buildPairSet(SimulatedLlmServer sim, LanguageModel model, RunStore store) {
        sim.replyWhen("Compare the good response", (SimRequest r, int i) -> {
            String instruction = r.lastUserMessage().lines().findFirst().orElseThrow().replace("instruction: ", "").replace("\"", "");
            return "Detailed Comparison Result: x\nOptimized Instruction: " + instruction + ", step by step and with concrete examples. [END]";
        });
        List<PreferenceRecord> records = INSTRUCTIONS.stream().map(s -> PreferenceRecord.of(s, "good", "bad")).toList();
        RunContext run = PipelineRuns.newRun(store, "bpo-pairs");
        new BuildPairsPipeline(new PairBuilder(model, PairBuilderOptions.defaults()), 4).run(records, run);
        return PairItems.keptPairs(store, run.runId());
    }

    @Test
    void rewritesAPromptFileForTwoRoundsWithTheMostSimilarPairsAsExamples(SimulatedLlmServer sim) throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            List<OptimizedPair> pairs = buildPairSet(sim, model, store);
            assertThat(pairs).hasSize(4);
            sim.reply((SimRequest r, int i) -> "\"Improved: " + r.lastUserMessage().lines().reduce((a, b) -> b).orElse("") + "\"");

            List<String> warnings = new ArrayList<>();
            Path cache = dir.resolve("vectors.bin");
            SimilarityIndex index = Embeddings.index(pairs.stream().map(OptimizedPair::prompt).toList(), true, cache, warnings::add);
            assertThat(index).isInstanceOf(EmbeddingIndex.class);
            assertThat(warnings).isEmpty();
            InContextRewriter rewriter = new InContextRewriter(model, pairs, index, 1, ChatRewriterOptions.defaults());

            List<EvalPrompt> prompts = PromptSources.lines(new StringReader("automobile engine failing when it is cold\n\nbake a loaf at home\n"));
            assertThat(prompts).extracting(EvalPrompt::id).containsExactly("1", "3");
            RunContext run = PipelineRuns.newRun(store, "bpo-rewrite");
            sim.clear();
            PipelineCounts counts = new RewritePipeline(new IterativeRewriter(rewriter, 2), 4).run(prompts, run);

            assertThat(counts.count("rewritten")).isEqualTo(2);
            assertThat(sim.chatRequests()).hasSize(4); // 2 prompts x 2 rounds
            // no word in common with the car pair, yet the embeddings pick it as the example
            SimRequest firstRound = sim.chatRequests().stream()
                    .filter(r -> r.lastUserMessage().contains("automobile engine failing when it is cold") && !r.lastUserMessage().contains("Improved"))
                    .findFirst().orElseThrow();
            assertThat(firstRound.messages()).hasSize(4); // system, example user, example assistant, the prompt
            assertThat(firstRound.messages().get(2).content()).startsWith("My car does not start in winter mornings, step by step");

            StringWriter out = new StringWriter();
            assertThat(RewritePipeline.writeJsonl(prompts, run, out)).isEqualTo(2);
            JsonNode line = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
            assertThat(line.get("prompt").asText()).isEqualTo("automobile engine failing when it is cold");
            assertThat(line.get("rounds")).hasSize(2);
            assertThat(line.get("optimized_prompt").asText()).isEqualTo(line.get("rounds").get(1).asText()).startsWith("Improved: ");

            assertThat(Files.size(cache)).isPositive();
        }
    }

    @Test
    void bm25IsTheFallbackAndFindsNoExampleWithoutSharedWords(SimulatedLlmServer sim) {
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            List<OptimizedPair> pairs = buildPairSet(sim, model, store);
            SimilarityIndex index = Embeddings.index(pairs.stream().map(OptimizedPair::prompt).toList(), false, null, m -> { });
            InContextRewriter rewriter = new InContextRewriter(model, pairs, index, 2, ChatRewriterOptions.defaults());
            assertThat(rewriter.examplesFor("automobile engine failing when it is cold")).isEmpty();
            assertThat(rewriter.examplesFor("a poem about the sea at night").getFirst().prompt())
                    .isEqualTo("Write a poem about the sea");
        }
    }
}
