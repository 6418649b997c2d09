package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmopt bpo eval} cut short twice by an endpoint that starts refusing every call, continued
 * once with {@code --resume RUN_ID} and once with {@code llmopt runs resume RUN_ID}: it ends with
 * the summary of a run that never failed, no call that returned made twice and one work item per
 * record and stage.
 */
@ExtendWith(SimulatedLlmExtension.class)
class BpoEvalResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROMPTS = 24;
    private static final List<String> STAGES = List.of("bpo.rewrite", "bpo.response", "bpo.judgement");

    @TempDir
    Path dir;

    /**
     * The rewriter asks for detail on prompts with an even number only; the responder answers
     * rewritten prompts in detail; the judge prefers detail, else always says A (a position bias
     * that two-order judging turns into ties), so wins, ties and category counts all vary.
     */
    private static void script(SimulatedLlmServer sim) {
        sim.reply((SimRequest r, int sample) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE)) {
                String prompt = user.substring(user.indexOf(":\n") + 2);
                return prompt.matches(".*\\b\\d*[02468]\\b.*") ? "In detail: " + prompt : prompt + "?";
            }
            if (r.systemMessage().contains("impartial judge")) {
                String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
                String b = user.substring(user.indexOf("[The Start of Assistant B's Answer]"), user.indexOf("[The End of Assistant B's Answer]"));
                return "Reasoning.\n\n" + (b.contains("DETAILED") && !a.contains("DETAILED") ? "[[B]]" : "[[A]]");
            }
            return user.startsWith("In detail") ? "DETAILED answer to " + user : "short answer to " + user;
        });
    }

    private Path prompts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= PROMPTS; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"Tell me fact " + i + " about the sea\", \"category\": \"c" + i % 3 + "\"}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    private static JsonNode summary(Path store, String runId) throws Exception {
        try (RunStore s = RunStore.open(store)) {
            return JSON.readTree(s.run(runId).orElseThrow().summaryJson());
        }
    }

    @Test
    void anEvalStoppedByAFailingEndpointResumesTwiceToTheSummaryOfAStraightRun(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Path prompts = prompts();
        String[] eval = {"bpo", "eval", "--test-set", prompts.toString(), "--category-field", "category", "--concurrency", "4"};

        SimCli straight = new SimCli(sim, Files.createDirectory(dir.resolve("straight")));
        CliRunner.Result clean = straight.run(eval);
        assertThat(clean.exitCode()).as(clean.err()).isEqualTo(ExitCodes.OK);
        JsonNode expected = summary(straight.store(), SimCli.runId(clean.out()));
        int straightCalls = sim.requestCount();
        assertThat(straightCalls).isEqualTo(5 * PROMPTS);
        assertThat(expected.at("/counts/win").asInt()).isPositive();
        assertThat(expected.at("/counts/tie").asInt()).isPositive();

        SimCli faulty = new SimCli(sim, Files.createDirectory(dir.resolve("faulty")));
        // the endpoint refuses everything after 30 more calls, as a server taken down would
        sim.inject(FaultRule.when(r -> sim.requestCount() > straightCalls + 30, Fault.BAD_REQUEST));
        CliRunner.Result first = faulty.run(eval);
        assertThat(first.exitCode()).isEqualTo(ExitCodes.FAILED);
        String runId = SimCli.runId(first.out());
        assertThat(first.err()).contains("retry them with --resume " + runId);
        try (RunStore s = RunStore.open(faulty.store())) {
            assertThat(s.run(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }

        // back for 40 calls, then down again: --resume gets further but not to the end
        sim.clearFaults();
        int resumedAt = sim.requestCount();
        sim.inject(FaultRule.when(r -> sim.requestCount() > resumedAt + 40, Fault.BAD_REQUEST));
        CliRunner.Result second = faulty.run(append(eval, "--resume", runId));
        assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(SimCli.runId(second.out())).isEqualTo(runId);

        sim.clearFaults();
        CliRunner.Result last = CliRunner.run("runs", "resume", runId, "--store", faulty.store().toString());
        assertThat(last.exitCode()).as(last.out() + last.err()).isEqualTo(ExitCodes.OK);
        assertThat(last.out()).contains("resuming: llmopt bpo eval").contains("resumed");

        assertThat(summary(faulty.store(), runId)).isEqualTo(expected);
        // Every call that returned is stored at once, each of a stage's two parallel calls (the two
        // responses, the two judge orders) on its own, so with the response cache off the resumed
        // runs repeat only the refused calls: as many calls succeed as in the straight run.
        long refused = sim.faultCount(Fault.BAD_REQUEST);
        assertThat(refused).isPositive();
        long succeeded = sim.requestCount() - straightCalls - refused;
        assertThat(succeeded).isEqualTo(straightCalls);
        try (RunStore s = RunStore.open(faulty.store())) {
            assertThat(s.runs()).hasSize(1);
            assertThat(s.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            for (String kind : STAGES) {
                List<WorkItem> items = s.workItems(runId, kind);
                assertThat(items).as(kind).hasSize(PROMPTS).allMatch(i -> i.status().equals(WorkItem.DONE));
                assertThat(items).extracting(WorkItem::key).as(kind).doesNotHaveDuplicates();
            }
        }
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
