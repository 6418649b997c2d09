package io.llmopt.cli.common;

import io.llmopt.local.LocalBackends;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.progress.ProgressDisplay;
import io.llmopt.cli.progress.TerminalProgress;
import io.llmopt.core.accounting.Usage;
import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.Provider;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
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
 * as a clean stop, the report written when a run ends, and the dry run's estimate.
 */
public final class RunSession implements AutoCloseable {

    private final RunListener display;
    private final Workspace workspace;
    private final SimBackends sim;
    private final DryRun dryRun;
    private final List<String> commandLineArgs;
    private final List<ActiveRun> runs = new ArrayList<>();
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
        Map<String, String> env = System.getenv();
        DryRun dryRun = options.dryRun ? DryRun.create() : null;
        LoadedConfig config = dryRun != null ? dryRun.config(options, env) : options.load(env);
        if (dryRun == null) {
            // before anything runs on the embedded engine: how long it would take here, and a question when long
            LocalRunGuard.check(options, config);
        }
        RunListener display = ProgressDisplay.forStderr(verbosity, dryRun != null);
        // said before anything runs, whatever the verbosity: a readable key is the user's to fix now
        config.warnings().forEach(w -> System.err.println("llmopt: warning: " + w));
        SimBackends sim = new SimBackends();
        Workspace.Builder builder = Workspace.builder(config).environment(env).listener(display)
                .backend(Provider.SIM, sim)
                .backend(Provider.LOCAL, new LocalBackends(new DownloadLine(System.err)));
        if (dryRun != null) {
            builder.allBackends(sim);
        }
        try {
            RunSession session = new RunSession(display, builder.build(), sim, dryRun, options.commandLineArgs());
            session.storeFlag = options.store;
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

    /** Ctrl-C handling for {@code run} while the returned guard is open. */
    public Interrupts interrupts(ActiveRun run, String resumeHint) {
        Runnable stop = display instanceof TerminalProgress bar ? () -> {
            bar.stopping(); // the live line says so and keeps moving while the step finishes
            run.requestStop();
        } : run::requestStop;
        return new Interrupts(stop, run::interruptNow, resumeHint, System.err);
    }

    /** Events go to the display; progress reaches it through {@link ActiveRun#progress}. */
    public RunListener events() {
        return new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                display.onEvent(event);
            }

            @Override
            public void onProgress(Progress progress) {
                // shown by the active run
            }
        };
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
        byRole.forEach((role, u) -> out.printf(Locale.ROOT, "  %-10s %,9d calls %,12d tokens  $%.4f%n",
                role, u.calls(), u.promptTokens() + u.completionTokens(), u.cost()));
        out.printf(Locale.ROOT, "estimated cost: $%.4f%s%n", cost, unpriced ? " (some models have no price: set models.NAME.price)" : "");
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
