package io.llmopt.cli.common;

import io.llmopt.core.accounting.Usage;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.local.EngineSpeed;
import io.llmopt.local.EngineSpeeds;
import io.llmopt.local.LocalModelResolver;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs {@link LocalRunCheck} before a real run whose roles use the embedded engine: the same
 * command as a dry run first (its token counts), the engine's speed here (measured once, cached),
 * then the estimate and, for a run over an hour, the question.
 */
final class LocalRunGuard {

    static final Function<ModelSpec, EngineSpeed> MEASURED = LocalRunGuard::measuredSpeed;
    static final LocalRunCheck.Terminal CONSOLE = LocalRunGuard::console;

    /** Replaced by tests (the native engine cannot run in every sandbox): the speed of a local model, and the terminal. */
    static Function<ModelSpec, EngineSpeed> speeds = MEASURED;
    static LocalRunCheck.Terminal terminal = CONSOLE;

    private LocalRunGuard() {
    }

    /** @throws RunNotStartedException when the user answered no */
    static void check(ConfigOptions options, LoadedConfig config) {
        CommandSpec command = options.command;
        if (command == null || LocalRunCheck.localRoles(config).isEmpty() || given(command, "--resume")) {
            return; // a resumed run's remaining work is not what a dry run of the whole command counts
        }
        PrintWriter err = command.commandLine().getErr();
        err.println("llmopt: this run uses the built-in local model: estimating how long it takes on this machine first"
                + " (a dry run, and the engine's speed)");
        err.flush();
        Map<String, Usage> byRole = dryRunUsage(command);
        if (byRole == null) {
            err.println("llmopt: no time estimate for the embedded engine (the dry run of this command did not finish)");
            return;
        }
        LocalRunCheck check = new LocalRunCheck(spec -> speeds.apply(spec), terminal, err);
        boolean go;
        try {
            go = check.proceed(config, byRole, options.yes, flag -> command.findOption(flag) != null);
        } catch (RuntimeException e) {
            err.println("llmopt: no time estimate for the embedded engine (its speed could not be measured: "
                    + e.getMessage() + ")");
            return;
        }
        if (!go) {
            throw new RunNotStartedException("not started; the options above make the run shorter, and --yes runs it"
                    + " without asking");
        }
    }

    /** The same command line with --dry-run, in a command line of its own; its usage per role, or null. */
    private static Map<String, Usage> dryRunUsage(CommandSpec command) {
        CommandSpec root = command.root();
        List<String> args = new ArrayList<>(root.commandLine().getParseResult().originalArgs());
        args.add("--dry-run");
        if (command.findOption("--quiet") != null && !given(command, "--quiet")) {
            args.add("--quiet");
        }
        CommandLine nested = new CommandLine(root.userObject().getClass());
        ByteArrayOutputStream discard = new ByteArrayOutputStream();
        nested.setOut(new PrintWriter(discard));
        nested.setErr(new PrintWriter(discard));
        AtomicReference<Map<String, Usage>> usage = new AtomicReference<>();
        DryRun.capture(usage::set, () -> nested.execute(args.toArray(String[]::new)));
        return usage.get();
    }

    private static boolean given(CommandSpec command, String flag) {
        var option = command.findOption(flag);
        Object value = option == null ? null : option.getValue();
        return value != null && !Boolean.FALSE.equals(value);
    }

    private static EngineSpeed measuredSpeed(ModelSpec spec) {
        DownloadLine progress = new DownloadLine(System.err);
        return EngineSpeeds.standard(progress).of(LocalModelResolver.standard(progress).resolve(spec.model()));
    }

    private static Optional<Boolean> console(String question) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        String answer = console.readLine("%s", question);
        return Optional.of(answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(java.util.Locale.ROOT)));
    }
}
