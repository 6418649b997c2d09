package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.ZeroShotRewriter;
import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage that makes more than one model call per record (eval's two responses, the judge's two
 * orders, the rounds of a rewrite) keeps each call as soon as it returns: when one call fails for
 * good, the re-run makes that call alone, never the ones that returned. The models here are the
 * plain HTTP backend, without response cache or retries, so every repeat would reach the server.
 */
@ExtendWith(SimulatedLlmExtension.class)
class ParallelCallsResumeTest {

    private static final String REWRITTEN = "Rewritten: ";
    private static final int PROMPTS = 6;

    @TempDir
    Path dir;

    private final List<EvalPrompt> prompts = IntStream.rangeClosed(1, PROMPTS)
            .mapToObj(i -> new EvalPrompt(Integer.toString(i), question(i), "c" + i % 2)).toList();

    private static String question(int i) {
        return "Tell me fact " + i + " about the sea";
    }

    /**
     * The rewriter prefixes its input; the responder answers rewritten prompts in detail; the judge
     * prefers the detailed answer on even questions and always says A on odd ones (a position bias
     * that two-order judging turns into ties), so the verdicts vary.
     */
    private static void script(SimulatedLlmServer sim) {
        sim.reply((SimRequest r, int sample) -> {
            String user = r.lastUserMessage();
            if (isRewriter(r)) {
                return REWRITTEN + user.substring(user.indexOf(":\n") + 2);
            }
            if (isJudge(r)) {
                boolean biased = Integer.parseInt(user.replaceAll("(?s).*Tell me fact (\\d+).*", "$1")) % 2 == 1;
                return "Reasoning.\n\n" + (biased || answerA(r).contains("DETAILED") ? "[[A]]" : "[[B]]");
            }
            return user.startsWith(REWRITTEN) ? "DETAILED answer to " + user : "answer to " + user;
        });
    }

    private static boolean isRewriter(SimRequest r) {
        return r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE);
    }

    private static boolean isJudge(SimRequest r) {
        return r.systemMessage().equals(BpoTemplates.JUDGE_SYSTEM.text());
    }

    private static boolean isResponder(SimRequest r) {
        return r.systemMessage().isEmpty();
    }

    private static String answerA(SimRequest judge) {
        String user = judge.lastUserMessage();
        return user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
    }

    private static EvalPipeline eval(LanguageModel model) {
        IterativeRewriter rewriter = new IterativeRewriter(new ZeroShotRewriter(model, ChatRewriterOptions.defaults()), 1);
        return new EvalPipeline(rewriter, model, model, EvalOptions.defaults().withConcurrency(3));
    }

    private static RewritePipeline rewrite(LanguageModel model, int rounds) {
        return new RewritePipeline(new IterativeRewriter(new ZeroShotRewriter(model, ChatRewriterOptions.defaults()), rounds), 3);
    }

    /** Every work item of a run as "kind key status payload", in key order: what two runs are compared by. */
    private static List<String> items(RunStore store, String runId) {
        store.flush();
        return store.workItems(runId).stream()
                .sorted(Comparator.comparing(WorkItem::kind).thenComparing(WorkItem::key))
                .map(w -> w.kind() + " " + w.key() + " " + w.status() + " " + w.payloadJson())
                .toList();
    }

    private static List<String> keys(RunStore store, String runId, String kind) {
        store.flush();
        return store.workItems(runId, kind).stream().map(WorkItem::key).sorted().toList();
    }

    /** The requests the server received from {@code from} on. */
    private static List<SimRequest> since(SimulatedLlmServer sim, int from) {
        List<SimRequest> all = sim.chatRequests();
        return new ArrayList<>(all.subList(from, all.size()));
    }

    /** The eval run without faults, in its own run: what an interrupted run must end as. */
    private record Straight(EvalPipeline.Result result, List<String> items) {
    }

    private Straight straightEval(SimulatedLlmServer sim, RunStore store, LanguageModel model) {
        RunContext run = PipelineRuns.newRun(store, "bpo-eval");
        EvalPipeline.Result result = eval(model).run(prompts, run);
        assertThat(result.counts().count(PipelineProgress.FAILED)).isZero();
        assertThat(result.counts().count("win")).isPositive();
        assertThat(result.counts().count("tie")).isPositive();
        assertThat(sim.chatRequests()).hasSize(5 * PROMPTS);
        return new Straight(result, items(store, run.runId()));
    }

    /** Runs the eval once with {@code fault} on, once more without; returns the requests of the second run. */
    private List<SimRequest> failThenResume(SimulatedLlmServer sim, Predicate<SimRequest> fault, String failedId) {
        script(sim);
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            Straight straight = straightEval(sim, store, model);

            sim.inject(FaultRule.when(fault, Fault.SERVER_ERROR));
            RunContext run = PipelineRuns.newRun(store, "bpo-eval");
            int before = sim.chatRequests().size();
            EvalPipeline.Result first = eval(model).run(prompts, run);
            assertThat(first.counts().count(PipelineProgress.FAILED)).isEqualTo(1);
            assertThat(store.workItem(run.runId(), JudgementItems.KIND, failedId).orElseThrow().status()).isEqualTo(WorkItem.FAILED);
            assertThat(since(sim, before)).filteredOn(fault).hasSize(1); // no retry layer: asked once, failed

            sim.clearFaults();
            int resumedAt = sim.chatRequests().size();
            EvalPipeline.Result second = eval(model).run(prompts, run);
            assertThat(second.counts().resumed()).isEqualTo(PROMPTS - 1);
            assertThat(second.counts().count(PipelineProgress.FAILED)).isZero();

            // the resumed run ends exactly as the uninterrupted one, every stored call included
            assertThat(second.report().toJson()).isEqualTo(straight.result().report().toJson());
            assertThat(items(store, run.runId())).isEqualTo(straight.items());
            // a single round is the rewrite stage itself: nothing stored per call
            assertThat(keys(store, run.runId(), CallLog.kind(RewriteItems.KIND))).isEmpty();
            return since(sim, resumedAt);
        }
    }

    @Test
    void aFailedResponseIsTheOnlyResponseAskedAgainAndItsSiblingIsReused(SimulatedLlmServer sim) {
        String failing = REWRITTEN + question(3);
        List<SimRequest> resumed = failThenResume(sim, r -> isResponder(r) && r.lastUserMessage().equals(failing), "3");

        // exactly one request for the missing response, none for the stored one or the rewrite,
        // then the judge in both orders (never asked before for this record)
        assertThat(resumed).filteredOn(ParallelCallsResumeTest::isResponder).singleElement()
                .satisfies(r -> assertThat(r.lastUserMessage()).isEqualTo(failing));
        assertThat(resumed).filteredOn(ParallelCallsResumeTest::isRewriter).isEmpty();
        assertThat(resumed).filteredOn(ParallelCallsResumeTest::isJudge).hasSize(2)
                .allSatisfy(r -> assertThat(r.lastUserMessage()).contains(question(3)));
        assertThat(resumed).hasSize(3);
    }

    @Test
    void aFailedJudgeOrderIsTheOnlyJudgeCallMadeAgain(SimulatedLlmServer sim) {
        // the call showing the rewritten prompt's (detailed) response first fails for question 4
        Predicate<SimRequest> fault = r -> isJudge(r) && r.lastUserMessage().contains(question(4) + "\n")
                && answerA(r).contains("DETAILED");
        List<SimRequest> resumed = failThenResume(sim, fault, "4");

        assertThat(resumed).singleElement()
                .satisfies(r -> assertThat(isJudge(r)).isTrue())
                .satisfies(r -> assertThat(r.lastUserMessage()).contains(question(4)))
                .satisfies(r -> assertThat(answerA(r)).contains("DETAILED"));
    }

    @Test
    void theResponsesAndTheJudgeOrdersAreStoredOneByOneAsTheyReturn(SimulatedLlmServer sim) {
        script(sim);
        // the rewritten prompt's response to question 2 fails: its sibling is kept, the judge never asked
        sim.inject(FaultRule.when(r -> isResponder(r) && r.lastUserMessage().equals(REWRITTEN + question(2)), Fault.SERVER_ERROR));
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RunContext run = PipelineRuns.newRun(store, "bpo-eval");
            eval(model).run(prompts, run);

            List<String> responseCalls = keys(store, run.runId(), CallLog.kind(JudgementItems.RESPONSES));
            assertThat(responseCalls).contains("2/original").doesNotContain("2/rewritten").hasSize(2 * PROMPTS - 1);
            assertThat(keys(store, run.runId(), CallLog.kind(JudgementItems.KIND)))
                    .hasSize(2 * (PROMPTS - 1)).contains("1/original_first", "1/rewritten_first").noneMatch(k -> k.startsWith("2/"));
            assertThat(store.workItem(run.runId(), CallLog.kind(JudgementItems.RESPONSES), "2/original").orElseThrow().payloadJson())
                    .contains("\"response\":\"answer to " + question(2) + "\"");
            assertThat(store.workItem(run.runId(), JudgementItems.RESPONSES, "2")).isEmpty();
        }
    }

    @Test
    void aFailedLaterRoundOfARewriteIsTheOnlyRoundAskedAgain(SimulatedLlmServer sim) throws Exception {
        script(sim);
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = SimModels.model(sim)) {
            RunContext straight = PipelineRuns.newRun(store, "bpo-rewrite");
            rewrite(model, 3).run(prompts, straight);
            assertThat(sim.chatRequests()).hasSize(3 * PROMPTS);

            // the third round of prompt 2 fails; its first two rounds are stored on their own
            String thirdRoundInput = REWRITTEN + REWRITTEN + question(2);
            sim.inject(FaultRule.when(r -> r.lastUserMessage().endsWith(":\n" + thirdRoundInput), Fault.SERVER_ERROR));
            RunContext run = PipelineRuns.newRun(store, "bpo-rewrite");
            PipelineCounts first = rewrite(model, 3).run(prompts, run);
            assertThat(first.count(PipelineProgress.FAILED)).isEqualTo(1);
            assertThat(keys(store, run.runId(), CallLog.kind(RewriteItems.KIND))).contains("2/round-1", "2/round-2")
                    .doesNotContain("2/round-3").hasSize(2 * PROMPTS); // the last round is stored with the stage

            sim.clearFaults();
            int resumedAt = sim.chatRequests().size();
            PipelineCounts second = rewrite(model, 3).run(prompts, run);
            assertThat(second.count(RewritePipeline.REWRITTEN)).isEqualTo(1);
            assertThat(since(sim, resumedAt)).singleElement()
                    .satisfies(r -> assertThat(r.lastUserMessage()).endsWith(":\n" + thirdRoundInput));

            assertThat(items(store, run.runId())).isEqualTo(items(store, straight.runId()));
            StringWriter expected = new StringWriter();
            StringWriter actual = new StringWriter();
            RewritePipeline.writeJsonl(prompts, straight, expected);
            RewritePipeline.writeJsonl(prompts, run, actual);
            assertThat(actual.toString()).isEqualTo(expected.toString()).contains(REWRITTEN + REWRITTEN + REWRITTEN + question(2));
        }
    }
}
