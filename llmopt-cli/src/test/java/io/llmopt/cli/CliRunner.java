package io.llmopt.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the llmopt command in-process and captures what it prints: the one way tests run the CLI.
 * It lives in llmopt-cli's test tree, not in llmopt-testkit, because only this module has a
 * command line to run (the testkit cannot depend on the CLI, and no other module needs picocli).
 * {@link SimCli} adds the options that point every role at a simulated server.
 */
public final class CliRunner {

    /** The exit code and the two streams of one command. */
    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(String... args) {
        // buffered like picocli's own writers over System.out: what a command does not flush is lost here too
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    private CliRunner() {
    }
}
