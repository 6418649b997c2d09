package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs llmopt in-process against a simulated server with a store and runs folder in a test
 * folder and the response cache off, so tests never touch the user's cache or runs.
 */
public final class SimCli {

    private final SimulatedLlmServer sim;
    private final Path dir;

    public SimCli(SimulatedLlmServer sim, Path dir) {
        this.sim = sim;
        this.dir = dir;
    }

    public Path store() {
        return dir.resolve("runs.db");
    }

    /**
     * The command with every role on the simulated server, the test store, no cache and no capability
     * probe (its test requests would join the request counts these tests assert; the probe's own
     * tests are in core, and CliProbeTest runs it from the command line).
     */
    public CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model", SimModels.spec(sim),
                "--store", store().toString(), "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--no-probe", "--quiet"));
        return CliRunner.run(all);
    }

    /** The run id from the "run ID: counts" line a bpo command prints. */
    public static String runId(String text) {
        Matcher m = Pattern.compile("run (\\S+): ").matcher(text);
        assertThat(m.find()).as("run id in: " + text).isTrue();
        return m.group(1);
    }
}
