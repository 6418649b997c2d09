package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.sim.SeedBehaviour;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capability probe from the command line: a server that ignores the seed is said so in one
 * line, once across runs (the finding is kept next to the response cache), and --no-probe sends
 * nothing but the command's own requests.
 */
class CliProbeTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("Summarise Hamlet in three sentences.")
            .seedBehaviour(SeedBehaviour.IGNORED);

    @TempDir
    Path dir;

    /** What the command printed to stderr (run events go to System.err, not to the command line's writer). */
    private String stderr;

    private CliRunner.Result rewrite(String prompt, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("bpo", "rewrite", "--model",
                SimModels.spec(sim), "--store", dir.resolve("runs.db").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--set", "cache.path=" + dir.resolve("cache/responses.db")));
        args.addAll(java.util.List.of(extra));
        args.add(prompt);
        java.io.PrintStream real = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return CliRunner.run(args.toArray(String[]::new));
        } finally {
            System.setErr(real);
            stderr = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private long probes() {
        return sim.chatRequests().stream().map(SimRequest::lastUserMessage).filter(m -> m.startsWith("Write one random")).count();
    }

    @Test
    void anIgnoredSeedIsOneWarningLineAndTheNextRunDoesNotProbeAgain() throws Exception {
        CliRunner.Result first = rewrite("Summarise Hamlet");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(stderr).containsOnlyOnce("WARN models.rewriter: the server at " + sim.baseUrl()
                + " (model sim-model) ignores seed (the same seed gave different text)");
        assertThat(probes()).isEqualTo(3);
        assertThat(dir.resolve("cache/capabilities.json")).content().contains("\"seed\"", "IGNORED");

        CliRunner.Result second = rewrite("Summarise Macbeth");
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(probes()).as("the file answered").isEqualTo(3);
    }

    @Test
    void noProbeSendsOnlyTheCommandsRequests() {
        CliRunner.Result r = rewrite("Summarise Hamlet", "--no-probe");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(probes()).isZero();
        assertThat(stderr).doesNotContain("ignores seed");
        assertThat(dir.resolve("cache/capabilities.json")).doesNotExist();
    }
}
