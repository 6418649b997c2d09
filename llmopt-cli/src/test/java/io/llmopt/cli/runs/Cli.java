package io.llmopt.cli.runs;

import io.llmopt.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the llmopt command in-process, as a user would type it, and captures what it prints. */
final class Cli {

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Cli() {
    }
}
