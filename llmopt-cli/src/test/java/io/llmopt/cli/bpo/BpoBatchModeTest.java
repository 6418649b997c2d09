package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner.Result;
import io.llmopt.cli.SimCli;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bpo eval in batch mode against the simulated provider: the same figures, every call in a batch job. */
class BpoBatchModeTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;
    private Path prompts;

    @BeforeEach
    void script() throws Exception {
        sim.reply((SimRequest r, int i) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().startsWith("You rewrite user prompts")) {
                return "Please answer in detail: " + user.substring(user.lastIndexOf('\n') + 1);
            }
            if (r.systemMessage().startsWith("Please act as an impartial judge")) {
                String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
                return "Reasoning.\n\n" + (a.contains("DETAILED") ? "[[A]]" : "[[B]]");
            }
            return user.startsWith("Please answer in detail") ? "DETAILED answer" : "short answer";
        });
        prompts = dir.resolve("prompts.jsonl");
        Files.writeString(prompts, """
                {"id": "a", "prompt": "How do tides work?"}
                {"id": "b", "prompt": "Write a haiku about rain"}
                {"id": "c", "prompt": "What is a prime number?"}
                {"id": "d", "prompt": "Name three rivers in Africa"}
                """);
    }

    private Result eval(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bpo", "eval", "--test-set", prompts.toString()));
        args.addAll(List.of(extra));
        return new SimCli(sim, dir).run(args.toArray(String[]::new));
    }

    private long liveCalls() {
        return sim.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count() - sim.batchRequestsExecuted();
    }

    @Test
    void everyCallGoesThroughABatchJobAndTheFiguresAreTheLiveOnes() {
        Result live = eval();
        assertThat(live.exitCode()).as(live.err()).isZero();
        sim.clear();
        Result batched = eval("--batch", "--set", "models.rewriter.batch.poll_seconds=0.02",
                "--set", "models.responder.batch.poll_seconds=0.02", "--set", "models.judge.batch.poll_seconds=0.02");
        assertThat(batched.exitCode()).as(batched.err()).isZero();
        assertThat(liveCalls()).isZero();
        // one job per phase: the rewrites, the responses, the judgements
        assertThat(sim.batchCount()).isEqualTo(3);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(4 + 8 + 8);
        assertThat(batched.out()).contains("win 100.0%");
        assertThat(line(batched.out(), "overall")).isEqualTo(line(live.out(), "overall"));
    }

    @Test
    void aDryRunInBatchModeReachesNoBatchApi() {
        Result dry = eval("--batch", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(sim.batchCount()).isZero();
        assertThat(sim.requests()).noneMatch(r -> r.path().startsWith("/v1/files") || r.path().startsWith("/v1/batches"));
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }
}
