package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.data.TestSets;
import io.llmopt.bpo.judge.EvalItem;
import io.llmopt.bpo.judge.RandomOrderJudge;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.ZeroShotRewriter;
import io.llmopt.bpo.support.SharedData;
import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.ScriptedLanguageModel;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eval on Vicuna Eval against a simulated server whose judge has a position bias: on odd question
 * ids it cannot tell the answers apart and always says assistant A; on even ids it prefers the
 * detailed answer, which only the rewritten prompt gets.
 */
@ExtendWith(SimulatedLlmExtension.class)
class EvalPipelineTest {

    private static final String DETAIL = " Answer in detail, step by step.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<EvalPrompt> vicuna = TestSets.vicunaEval(SharedData.bpo("testset/vicuna_eval.jsonl")).records();
    private final Map<String, String> idByQuestion = vicuna.stream().collect(Collectors.toMap(EvalPrompt::prompt, EvalPrompt::id));

    private void script(SimulatedLlmServer sim) {
        sim.reply((SimRequest r, int sample) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE)) {
                return questionIn(user) + DETAIL;
            }
            if (r.systemMessage().equals(BpoTemplates.JUDGE_SYSTEM.text())) {
                return judge(user);
            }
            return user.endsWith(DETAIL) ? "DETAILED: a thorough answer with steps." : "A brief answer.";
        });
    }

    /** The longest Vicuna question inside a rewriter request. */
    private String questionIn(String text) {
        return vicuna.stream().map(EvalPrompt::prompt).filter(text::contains)
                .max(Comparator.comparingInt(String::length)).orElseThrow();
    }

    private String judge(String user) {
        String question = user.substring("[User Question]\n".length(), user.indexOf("\n\n[The Start of Assistant A"));
        String answerA = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
        boolean biased = Integer.parseInt(idByQuestion.get(question)) % 2 == 1;
        String pick = biased || answerA.contains("DETAILED") ? "A" : "B";
        return "Both answers address the question.\n\n[[" + pick + "]]";
    }

    private EvalPipeline pipeline(LanguageModel model) {
        IterativeRewriter rewriter = new IterativeRewriter(new ZeroShotRewriter(model, ChatRewriterOptions.defaults()), 1);
        return new EvalPipeline(rewriter, model, model, EvalOptions.defaults().withConcurrency(8));
    }

    @Test
    void twoOrderJudgingCancelsThePositionBiasThatTheRandomOrderMethodTurnsIntoWinsAndLosses(SimulatedLlmServer sim) throws Exception {
        script(sim);
        long even = vicuna.stream().filter(p -> Integer.parseInt(p.id()) % 2 == 0).count();
        RandomOrderJudge reference = new RandomOrderJudge(ScriptedLanguageModel.constant(""), 0);
        long spuriousWins = vicuna.stream().filter(p -> Integer.parseInt(p.id()) % 2 == 1)
                .filter(p -> reference.rewrittenFirst(new EvalItem(p.id(), null, p.prompt(), "", ""))).count();
        long spuriousLosses = vicuna.size() - even - spuriousWins;

        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RunContext run = PipelineRuns.newRun(store, "bpo-eval");
            EvalPipeline.Result result = pipeline(model).run(vicuna, run);

            assertThat(vicuna).hasSize(80);
            assertThat(result.counts().count("win")).isEqualTo(even);
            assertThat(result.counts().count("tie")).isEqualTo(80 - even);
            assertThat(result.counts().count("lose")).isZero();
            JsonNode summary = result.report().toJson();
            assertThat(summary.at("/counts/win").asLong()).isEqualTo(even);
            assertThat(summary.at("/counts/lose").asLong()).isZero();
            assertThat(summary.get("win").asDouble()).isEqualTo(even / 80.0);
            assertThat(summary.get("win_ci").get(0).asDouble()).isLessThan(even / 80.0);
            assertThat(summary.get("consistency").asDouble()).isEqualTo(even / 80.0);
            assertThat(summary.get("per_category").fieldNames()).toIterable().contains("generic", "coding", "writing", "math");
            // the reference's single random-order call turns the bias into wins and losses
            assertThat(summary.at("/random_order/counts/win").asLong()).isEqualTo(even + spuriousWins);
            assertThat(summary.at("/random_order/counts/lose").asLong()).isEqualTo(spuriousLosses).isPositive();

            // 1 rewrite + 2 responses + 2 judge calls per record
            assertThat(sim.chatRequests()).hasSize(5 * 80);
            assertThat(sim.chatRequests()).filteredOn(r -> r.systemMessage().equals(BpoTemplates.JUDGE_SYSTEM.text()))
                    .allMatch(r -> r.temperature() == 0.0);

            StringWriter out = new StringWriter();
            assertThat(JudgementItems.export(store, run.runId(), out)).isEqualTo(80);
            JsonNode first = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
            assertThat(first.fieldNames()).toIterable().contains("id", "category", "original", "rewritten", "response_original",
                    "response_rewritten", "verdict", "judgements", "random_order", "position_consistent");
            assertThat(first.get("judgements")).hasSize(2);
            assertThat(first.get("rewritten").asText()).endsWith(DETAIL);
        }
    }

    @Test
    void aStoppedEvalResumesWithEveryCallMadeExactlyOnce(SimulatedLlmServer sim) {
        script(sim);
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            PipelineRuns.StopAfter stopper = new PipelineRuns.StopAfter(20);
            RunContext run = PipelineRuns.newRun(store, "bpo-eval").withListener(stopper).withStop(stopper::stop);
            EvalPipeline.Result interrupted = pipeline(model).run(vicuna, run);
            assertThat(interrupted.counts().stopped()).isTrue();
            assertThat(interrupted.report().summary().overall().total()).isEqualTo(interrupted.counts().processed());

            EvalPipeline.Result resumed = pipeline(model).run(vicuna, run.withListener(null).withStop(null));
            assertThat(resumed.counts().resumed()).isEqualTo(interrupted.counts().processed());
            assertThat(resumed.report().summary().overall().total()).isEqualTo(80);
            assertThat(store.workItems(run.runId(), JudgementItems.KIND)).hasSize(80);
            assertThat(store.workItems(run.runId(), RewriteItems.KIND)).hasSize(80);
            assertThat(store.workItems(run.runId(), JudgementItems.RESPONSES)).hasSize(80);

            Map<String, Long> callsByRole = sim.chatRequests().stream().collect(Collectors.groupingBy(role(), Collectors.counting()));
            assertThat(callsByRole).containsEntry("rewriter", 80L).containsEntry("responder", 160L).containsEntry("judge", 160L);
            assertThat(sim.chatRequests().stream().map(r -> r.systemMessage() + r.lastUserMessage()).toList()).doesNotHaveDuplicates();
        }
    }

    private static Function<SimRequest, String> role() {
        return r -> r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE) ? "rewriter"
                : r.systemMessage().isEmpty() ? "responder" : "judge";
    }
}
