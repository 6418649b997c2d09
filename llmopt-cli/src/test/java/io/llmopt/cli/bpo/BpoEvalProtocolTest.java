package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner.Result;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bpo eval set up as the paper's evaluation, and the reference's ranking judge, against the simulator. */
class BpoEvalProtocolTest {

    private static final String REWRITER = "[INST] You are an expert prompt engineer.";
    private static final String LEADERBOARD = "Human: I want you to create a leaderboard";

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;
    private SimCli cli;
    private Path prompts;

    @BeforeEach
    void script() throws Exception {
        cli = new SimCli(sim, dir);
        sim.reply((SimRequest r, int i) -> {
            String user = r.lastUserMessage();
            if (user.startsWith(REWRITER)) {
                return "Please answer in detail: " + user.substring(user.indexOf('\n') + 1, user.indexOf(" [/INST]"));
            }
            if (r.systemMessage().startsWith("You rewrite user prompts")) {
                return "Please answer in detail: " + user.substring(user.lastIndexOf('\n') + 1);
            }
            if (r.systemMessage().startsWith("Please act as an impartial judge")) {
                String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
                return "Reasoning.\n\n" + (a.contains("DETAILED") ? "[[A]]" : "[[B]]");
            }
            if (user.contains(LEADERBOARD)) {
                String first = user.substring(user.indexOf("model_1"), user.indexOf("model_2"));
                return first.contains("DETAILED") ? "[{'model': 'model_1', 'rank': 1}, {'model': 'model_2', 'rank': 2}]"
                        : "[{'model': 'model_2', 'rank': 1}, {'model': 'model_1', 'rank': 2}]";
            }
            return user.startsWith("Please answer in detail") ? "DETAILED answer" : "short answer";
        });
        prompts = dir.resolve("prompts.jsonl");
        Files.writeString(prompts, """
                {"id": "a", "prompt": "How do tides work?"}
                {"id": "b", "prompt": "Write a haiku about rain"}
                {"id": "c", "prompt": "What is a prime number?"}
                """);
    }

    private List<SimRequest> responderCalls() {
        return sim.chatRequests().stream().filter(r -> !r.lastUserMessage().startsWith(REWRITER)
                && !r.lastUserMessage().contains(LEADERBOARD) && !r.systemMessage().startsWith("Please act as")
                && !r.systemMessage().startsWith("You rewrite user prompts")).toList();
    }

    @Test
    void thePaperProtocolSamplesAndJudgesAsTheReferenceAndPrintsItsFigureFirst() throws Exception {
        Result r = cli.run("bpo", "eval", "--protocol", "paper", "--test-set", prompts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("paper figure (one judge call per item in random order): optimized prompt wins 100.0%,"
                + " ties 0.0%, loses 0.0% of 3 comparison(s)");
        // the model rewriter by default
        assertThat(sim.chatRequests()).filteredOn(q -> q.lastUserMessage().startsWith(REWRITER)).hasSize(3);
        assertThat(responderCalls()).hasSize(6).allSatisfy(q -> {
            assertThat(q.temperature()).isEqualTo(0.7);
            assertThat(q.topP()).isEqualTo(1.0);
            assertThat(q.maxTokens()).isEqualTo(2048);
        });
        assertThat(sim.chatRequests()).filteredOn(q -> q.systemMessage().startsWith("Please act as")).hasSize(3);
        try (RunStore store = RunStore.open(cli.store())) {
            String config = store.runs().getFirst().configJson();
            assertThat(config).contains("\"protocol\":\"paper\"").contains("\"judge_method\":\"random_order\"")
                    .contains("\"temperature\":0.7").contains("\"max_tokens\":2048");
        }
    }

    @Test
    void explicitSettingsWinOverTheProtocol() {
        Result r = cli.run("bpo", "eval", "--protocol", "paper", "--test-set", prompts.toString(), "--method", "zero-shot",
                "--responder-temperature", "0.2", "--responder-max-tokens", "100");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(sim.chatRequests()).noneMatch(q -> q.lastUserMessage().startsWith(REWRITER));
        assertThat(responderCalls()).isNotEmpty().allSatisfy(q -> {
            assertThat(q.temperature()).isEqualTo(0.2);
            assertThat(q.maxTokens()).isEqualTo(100);
        });
    }

    @Test
    void theRankingJudgeMakesOneCallPerItemAndHasNoTies() {
        Result r = cli.run("bpo", "eval", "--judge-method", "ranking", "--test-set", prompts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(sim.chatRequests()).filteredOn(q -> q.lastUserMessage().contains(LEADERBOARD)).hasSize(3)
                .allSatisfy(q -> assertThat(q.temperature()).isEqualTo(0.0));
        assertThat(r.out()).contains("win 100.0%");
    }

    @Test
    void theDefaultProtocolIsUnchanged() {
        Result r = cli.run("bpo", "eval", "--test-set", prompts.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("paper figure");
        assertThat(sim.chatRequests()).filteredOn(q -> q.systemMessage().startsWith("Please act as")).hasSize(6);
        assertThat(responderCalls()).allSatisfy(q -> {
            assertThat(q.temperature()).isEqualTo(0.0);
            assertThat(q.topP()).isNull();
            assertThat(q.maxTokens()).isNull();
        });
    }
}
