package io.llmopt.cli;

import io.llmopt.cli.bpo.BpoCommand;
import io.llmopt.cli.opro.OproCommand;
import io.llmopt.cli.runs.ReportCommand;
import io.llmopt.cli.runs.RunsCommand;
import io.llmopt.cli.common.CommandLauncher;
import io.llmopt.cli.common.OptionBounds;
import io.llmopt.cli.common.SimulatedOutput;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code llmopt} command: subcommands for OPRO, BPO, runs and the simulated server. */
@Command(
        name = "llmopt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Large language models as optimizers: OPRO prompt and numeric optimization, BPO prompt rewriting."},
        subcommands = {OproCommand.class, BpoCommand.class, GradeCommand.class, RunsCommand.class, ReportCommand.class,
            ServeCommand.class, ModelCommand.class, SimCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  llmopt opro prompt --dataset gsm8k --model openai:gpt-4o-mini --steps 3 --dry-run",
                "  llmopt runs list", "  llmopt COMMAND --help    # every command has its own help and examples",
                "", "Exit codes: 0 ok, 1 run failed, 2 usage or configuration error, 3 budget reached, 130 interrupted."})
public final class Main implements Runnable, CommandLauncher {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Override
    public int launch(List<String> args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args.toArray(String[]::new));
    }

    /** Builds the command line with llmopt's error handling, so tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionStrategy(parseResult -> {
            OptionBounds.check(parseResult);
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            CommandLine leafLine = leaf.commandSpec().commandLine();
            PrintWriter leafOut = leafLine.getOut();
            if (leaf.hasMatchedOption("--dry-run") && !leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
                leafLine.setOut(SimulatedOutput.wrap(leafOut));
            }
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                // out of memory, a stack overflow: the run was recorded failed when it closed; one line, exit 1
                cl.getErr().println("llmopt: " + ErrorHandler.oneLine(e));
                cl.getErr().flush();
                return ExitCodes.FAILED;
            } finally {
                // a command's last print without a line end must not be lost when main exits the JVM
                leafLine.getOut().flush();
                leafLine.setOut(leafOut);
                cl.getOut().flush();
                cl.getErr().flush();
            }
        });
        HelpLayout.apply(cl);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // Exit explicitly: a loaded native engine or a non-daemon pool must not keep the JVM alive.
        System.exit(code);
    }
}
