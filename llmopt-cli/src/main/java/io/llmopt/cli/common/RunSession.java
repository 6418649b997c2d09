package io.llmopt.cli.common;

import io.llmopt.local.LocalBackends;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.progress.ProgressDisplay;
import io.llmopt.cli.progress.TerminalProgress;
import io.llmopt.core.accounting.Usage;
import io.llmopt.core.batch.BatchPhases;
import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.Provider;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunStatus;
import io.llmopt.cli.ExitCodes;
import io.llmopt.report.ReportWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every running command shares around its runs: the workspace (store, cache, model stacks)
 * with the progress display, the simulated backends for {@code sim:} models and dry runs, Ctrl-C
 * as a clean stop, the report written when a run ends with its exit code, and the dry run's
 * estimate. The one session of every command (OPRO, numeric, BPO); what differs per method is
 * how its result becomes a run status ({@code NumericExecution}, {@code PipelineRunEnd}).
 */
public final class RunSession implements AutoCloseable {

    private final RunListener display;
    private final Workspace workspace;
    private final SimBackends sim;
    private final DryRun dryRun;
    private final List<String> commandLineArgs;
    private final List<ActiveRun> runs = new ArrayList<>();
    /** Which phases models in batch mode batch; the loop enters its phases on it. */
    private BatchPhases batchPhases = BatchPhases.all();
    /** A dry run's price with and without batch mode; null outside a dry run. */
    private BatchEstimate batchEstimate;
    private final List<Interrupts> guards = new ArrayList<>();
    /** Receives the dry run's estimate when the session closes; null when the command prints it itself. */
    private PrintWriter messages;
    /** The store the user named with --store, repeated in resume hints; null for the default store. */
    private java.nio.file.Path storeFlag;

    private RunSession(RunListener display, Workspace workspace, SimBackends sim, DryRun dryRun,
                       List<String> commandLineArgs) {
        this.commandLineArgs = commandLineArgs;
        this.display = display;
        this.workspace = workspace;
        this.sim = sim;
        this.dryRun = dryRun;
    }

    /** Opens the workspace the options describe (a throw-away one against the simulator for --dry-run). */
    public static RunSession open(ConfigOptions options, ProgressDisplay.Verbosity verbosity) {
        return configure(options).open(verbosity);
    }

    /** The same; {@code messages} (the command's output) receives a dry run's estimate when the session closes. */
    public static RunSession open(ConfigOptions options, ProgressDisplay.Verbosity verbosity, PrintWriter messages) {
        RunSession session = open(options, verbosity);
        session.messages = messages;
        return session;
    }

    /**
     * Loads the command's configuration, once: a command that reads its own section from it
     * ({@link Configured#config()}) opens its session on the same load.
     */
    public static Configured configure(ConfigOptions options) {
        Map<String, String> env = System.getenv();
        DryRun dryRun = options.dryRun ? DryRun.create() : null;
        try {
            return new Configured(options, dryRun, dryRun != null ? dryRun.config(options, env) : options.load(env), env);
        } catch (RuntimeException e) {
            if (dryRun != null) {
                dryRun.close();
            }
            throw e;
        }
    }

    /**
     * A command's configuration, loaded; closing it before {@link #open} removes a dry run's
     * throw-away folder, after it the session owns that.
     */
    public static final class Configured implements AutoCloseable {
        private final ConfigOptions options;
        private final DryRun dryRun;
        private final LoadedConfig config;
        private final Map<String, String> env;
        private boolean opened;

        private Configured(ConfigOptions options, DryRun dryRun, LoadedConfig config, Map<String, String> env) {
            this.options = options;
            this.dryRun = dryRun;
            this.config = config;
            this.env = env;
        }

        public LoadedConfig config() {
            return config;
        }

        /** Opens the session on this configuration. */
        public RunSession open(ProgressDisplay.Verbosity verbosity) {
            opened = true;
            try {
                return RunSession.open(options, config, dryRun, env, verbosity);
            } catch (RuntimeException e) {
                if (dryRun != null) {
                    dryRun.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (!opened && dryRun != null) {
                dryRun.close();
            }
        }
    }

    private static RunSession open(ConfigOptions options, LoadedConfig config, DryRun dryRun, Map<String, String> env,
                                   ProgressDisplay.Verbosity verbosity) {
        if (dryRun == null) {
            // before anything runs on the embedded engine: how long it would take here, and a question when long
            LocalRunGuard.check(options, config);
        }
        RunListener display = ProgressDisplay.forStderr(verbosity, dryRun != null);
        // said before anything runs, whatever the verbosity: a readable key is the user's to fix now
        config.warnings().forEach(w -> System.err.println("llmopt: warning: " + w));
        SimBackends sim = new SimBackends();
        BatchPhases phases = options.batchPhases();
        Workspace.Builder builder = Workspace.builder(config).environment(env).listener(display).batchPhases(phases)
                .backend(Provider.SIM, sim)
                .backend(Provider.LOCAL, new LocalBackends(new DownloadLine(System.err)));
        if (dryRun != null) {
            builder.allBackends(sim);
        }
        try {
            RunSession session = new RunSession(display, builder.build(), sim, dryRun, options.commandLineArgs());
            session.storeFlag = options.store;
            session.batchPhases = phases;
            if (dryRun != null) {
                session.batchEstimate = new BatchEstimate(phases, options.batchTestPhase(), session::spent,
                        session.workspace.prices().batchFactor());
            }
            return session;
        } catch (RuntimeException e) {
            sim.close();
            closeDisplay(display);
            throw e;
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The phases models in batch mode batch: give it to the loop, which enters its phases on it. */
    public BatchPhases batchPhases() {
        return batchPhases;
    }

    /** What this session's runs have spent so far. */
    private double spent() {
        double cost = 0;
        for (ActiveRun run : List.copyOf(runs)) {
            cost += run.usage().total().cost();
        }
        return cost;
    }

    public boolean dryRun() {
        return dryRun != null;
    }

    /**
     * How output names a run: "run ID", or "dry run" for one in a dry run's throw-away store, whose
     * id names nothing the user can open, resume or compare.
     */
    public String runName(String runId) {
        return dryRun != null ? "dry run" : "run " + runId;
    }

    /**
     * Resumes run {@code resume} when given, else starts a new one; either way Ctrl-C stops it
     * cleanly until the session closes.
     */
    public ActiveRun begin(String resume, String kind, String name, JsonNode effectiveConfig) {
        ActiveRun run = resume != null ? resume(resume, kind) : start(kind, name, effectiveConfig);
        synchronized (this) {
            guards.add(interrupts(run));
        }
        return run;
    }

    /** "run ID", or "dry run" (see {@link #runName(String)}). */
    public String runName(ActiveRun run) {
        return runName(run.id());
    }

    /**
     * A dry run answers from the simulator into a throw-away store: its outputs are made-up, so
     * commands must not write them over the user's files. Says that {@code file} is left alone;
     * true when it is.
     */
    public boolean skipsWriting(Object file, PrintWriter err) {
        if (dryRun()) {
            err.println("dry run: " + file + " not written");
        }
        return dryRun();
    }

    /** Ends {@code run} with {@code status}, writes its report, and returns the exit code that status means. */
    public int end(ActiveRun run, RunStatus status, JsonNode summary, PrintWriter err) {
        run.finish(status, summary);
        writeReport(run, err);
        return exitCode(status);
    }

    /**
     * The exit code of a command whose run ended with {@code status}: 0 completed, 3 budget
     * reached, 130 interrupted, 1 otherwise (failed).
     */
    public static int exitCode(RunStatus status) {
        return switch (status) {
            case COMPLETED -> ExitCodes.OK;
            case BUDGET_REACHED -> ExitCodes.BUDGET_REACHED;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            default -> ExitCodes.FAILED;
        };
    }

    /**
     * The exit code of a command whose runs ended so: the first that was not completed, unless a
     * later one failed, which wins.
     */
    public static int exitCode(Iterable<RunStatus> statuses) {
        int code = ExitCodes.OK;
        for (RunStatus status : statuses) {
            int c = exitCode(status);
            if (code == ExitCodes.OK || c == ExitCodes.FAILED) {
                code = c == ExitCodes.OK ? code : c;
            }
        }
        return code;
    }

    /** Starts a new run; its configuration records the command line that started it. */
    public ActiveRun start(String kind, String name, JsonNode effectiveConfig) {
        JsonNode cfg = effectiveConfig;
        List<String> args = commandLineArgs;
        if (!args.isEmpty() && (cfg == null || cfg instanceof ObjectNode)) {
            ObjectNode withArgs = cfg == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) cfg).deepCopy();
            ArrayNode argv = withArgs.putArray("command_line");
            args.forEach(argv::add);
            cfg = withArgs;
        }
        return track(workspace.startRun(kind, name, cfg));
    }

    /**
     * Resumes a stored run.
     *
     * @throws IllegalArgumentException when the run is of another kind
     */
    public ActiveRun resume(String runId, String expectedKind) {
        String kind = workspace.store().run(runId).map(r -> r.kind()).orElse(null);
        if (kind != null && expectedKind != null && !kind.equals(expectedKind)) {
            throw new IllegalArgumentException("run " + runId + " is a " + kind + " run, not " + expectedKind);
        }
        return track(workspace.resumeRun(runId));
    }

    /**
     * Config warnings (a key file readable by others) go into every run's events, so they reach
     * the display and stay in the store next to the run they concern.
     */
    private synchronized ActiveRun track(ActiveRun run) {
        runs.add(run);
        workspace.config().warnings().forEach(w -> run.event(RunEvent.Level.WARN, "config.warning", w, Map.of()));
        return run;
    }

    /**
     * The command that continues {@code run}: {@code llmopt runs resume ID} for the kinds it can
     * resume (with the --store the user gave), else the same command with --resume ID.
     */
    public String resumeCommand(ActiveRun run) {
        if (!io.llmopt.cli.runs.CommandLineResumer.KINDS.contains(run.record().kind())) {
            return "the same command with --resume " + run.id();
        }
        return "llmopt runs resume " + run.id() + (storeFlag == null ? "" : " --store " + storeFlag);
    }

    /** Ctrl-C handling for {@code run} while the returned guard is open; the hint is how to resume it. */
    public Interrupts interrupts(ActiveRun run) {
        return interrupts(run, resumeCommand(run));
    }

    /** Ctrl-C handling for {@code run} while the returned guard is open. */
    public Interrupts interrupts(ActiveRun run, String resumeHint) {
        Runnable stop = display instanceof TerminalProgress bar ? () -> {
            bar.stopping(); // the live line says so and keeps moving while the step finishes
            run.requestStop();
        } : run::requestStop;
        return new Interrupts(stop, run::interruptNow, resumeHint, System.err);
    }

    /**
     * Writes the run's HTML and Markdown report and charts into its folder and says where they
     * are; a failure to draw never fails the run, whose results are already stored.
     */
    public void writeReport(ActiveRun run, PrintWriter out) {
        if (dryRun != null) {
            return;
        }
        run.store().flush();
        try {
            var files = ReportWriter.write(run.store(), run.id(), run.directory());
            out.println("report: " + files.html());
        } catch (RuntimeException e) {
            out.println("report not written (" + e.getMessage() + "); 'llmopt report " + run.id() + "' retries");
        }
        out.flush();
    }

    /** For a dry run: what the real run would take, per role, priced for the configured models. */
    public void printEstimate(PrintWriter labelled) {
        printEstimate(labelled, runs.stream().map(ActiveRun::usage).toList());
    }

    /** As {@link #printEstimate(PrintWriter)}, over these usages (runs a library opened in this workspace: a sweep's). */
    public void printEstimate(PrintWriter labelled, List<UsageSnapshot> usages) {
        if (dryRun == null) {
            return;
        }
        // the estimate is what the dry run measured, not a made-up result: no "simulated" label
        PrintWriter out = SimulatedOutput.unlabelled(labelled);
        Map<String, Usage> byRole = new LinkedHashMap<>();
        long calls = 0;
        long prompt = 0;
        long completion = 0;
        double cost = 0;
        boolean unpriced = false;
        for (UsageSnapshot u : usages) {
            u.byRole().forEach((role, usage) -> byRole.merge(role, usage, RunSession::plus));
            calls += u.total().calls();
            prompt += u.total().promptTokens();
            completion += u.total().completionTokens();
            cost += u.total().cost();
            unpriced |= !u.unpricedModels().isEmpty();
        }
        DryRun.publish(byRole);
        out.println();
        out.printf(Locale.ROOT, "dry run: the real run would make %,d model calls using about %,d prompt + %,d completion tokens%n",
                calls, prompt, completion);
        // per-model labels ("scorer gpt-4o-mini", opro transfer) are longer than a role: the column fits the longest
        int width = Math.max(10, byRole.keySet().stream().mapToInt(role -> String.valueOf(role).length()).max().orElse(0));
        byRole.forEach((role, u) -> out.printf(Locale.ROOT, "  %-" + width + "s %,9d calls %,12d tokens  $%.4f%n",
                role, u.calls(), u.promptTokens() + u.completionTokens(), u.cost()));
        out.printf(Locale.ROOT, "estimated cost: $%.4f%s%n", cost, unpriced ? " (some models have no price: set models.NAME.price)" : "");
        if (batchEstimate != null) {
            batchEstimate.print(out, cost);
        }
        out.println("(token counts come from the simulator's word-and-punctuation count, a close but not exact stand-in"
                + " for real tokenizers; call counts are exact for the same replies)");
        out.flush();
    }

    private static Usage plus(Usage a, Usage b) {
        return new Usage(a.calls() + b.calls(), a.cacheHits() + b.cacheHits(), a.errors() + b.errors(),
                a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(), a.cost() + b.cost());
    }

    @Override
    public void close() {
        try {
            for (Interrupts guard : guards) {
                guard.close();
            }
            if (messages != null && !runs.isEmpty()) {
                printEstimate(messages);
            }
        } finally {
            closeAll();
        }
    }

    private void closeAll() {
        try {
            for (ActiveRun run : runs) {
                run.close();
            }
            workspace.close();
        } finally {
            sim.close();
            closeDisplay(display);
            if (dryRun != null) {
                dryRun.close();
            }
        }
    }

    private static void closeDisplay(RunListener display) {
        if (display instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the display only draws on stderr; nothing is lost
            }
        }
    }
}
