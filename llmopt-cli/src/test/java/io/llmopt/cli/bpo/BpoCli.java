package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.Main;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs llmopt in-process against a simulated server with a store and runs folder in a test
 * folder and the response cache off, so tests never touch the user's cache or runs.
 */
final class BpoCli {

    record Result(int exitCode, String out, String err) {
    }

    private final SimulatedLlmServer sim;
    private final Path dir;

    BpoCli(SimulatedLlmServer sim, Path dir) {
        this.sim = sim;
        this.dir = dir;
    }

    Path store() {
        return dir.resolve("runs.db");
    }

    /** The command with every role on the simulated server, the test store and no cache. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model", "openai-compatible:" + sim.baseUrl() + "#sim-model",
                "--store", store().toString(), "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--quiet"));
        return exec(all.toArray(String[]::new));
    }

    /** The command exactly as given. */
    static Result exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The run id from the "run ID: counts" line a bpo command prints. */
    static String runId(String text) {
        Matcher m = Pattern.compile("run (\\S+): ").matcher(text);
        assertThat(m.find()).as("run id in: " + text).isTrue();
        return m.group(1);
    }
}
