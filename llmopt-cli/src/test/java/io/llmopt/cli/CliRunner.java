package io.llmopt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    private CliRunner() {
    }
}
