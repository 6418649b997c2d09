package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.bpo.pipeline.RunContext;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.progress.ProgressDisplay;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunStatus;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One bpo command's run: the workspace, the started or resumed run, the progress display, and
 * Ctrl-C turned into a clean stop (records in flight finish and are stored).
 */
final class BpoSession implements AutoCloseable {

    private final Workspace workspace;
    private final ActiveRun run;
    private final RunListener display;
    private final Thread stopHook;

    private BpoSession(Workspace workspace, ActiveRun run, RunListener display) {
        this.workspace = workspace;
        this.run = run;
        this.display = display;
        this.stopHook = new Thread(run::requestStop, "llmopt-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
    }

    static BpoSession open(ConfigOptions config, RunOptions options, String kind, ObjectNode effective, Map<String, String> env) {
        LoadedConfig loaded = config.load(env);
        RunListener display = ProgressDisplay.forStderr(options.verbosity());
        Workspace workspace = Workspace.builder(loaded).environment(env).listener(display).build();
        try {
            ActiveRun run;
            if (options.resume != null) {
                run = workspace.resumeRun(options.resume);
                if (!run.record().kind().equals(kind)) {
                    throw new IllegalArgumentException("run " + options.resume + " is a " + run.record().kind() + " run, not " + kind);
                }
            } else {
                run = workspace.startRun(kind, options.name, effective);
            }
            loaded.warnings().forEach(w -> run.event(RunEvent.Level.WARN, "config.warning", w, Map.of()));
            return new BpoSession(workspace, run, display);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    ActiveRun run() {
        return run;
    }

    /** The pipelines' context: the run's store, its progress and events, its stop flag. */
    RunContext context() {
        RunListener toRun = new RunListener() {
            @Override
            public void onProgress(Progress p) {
                run.progress(p.phase(), p.step(), p.totalSteps(), p.unitsDone(), p.unitsTotal(), p.bestScore(), p.bestFoundAtStep());
            }

            @Override
            public void onEvent(RunEvent e) {
                run.event(e.level(), e.type(), e.message(), e.data());
            }
        };
        return new RunContext(run.store(), run.id(), toRun, run::stopRequested);
    }

    /**
     * Ends the run by how its records ended: stopped is interrupted (130), failed records fail the
     * run (1) so that a script notices, otherwise completed.
     */
    int finish(PipelineCounts counts, JsonNode summary, PrintWriter err) {
        if (counts.stopped()) {
            run.finish(RunStatus.INTERRUPTED, summary);
            err.println("stopped; continue with --resume " + run.id());
            return ExitCodes.INTERRUPTED;
        }
        if (counts.count("failed") > 0) {
            run.finish(RunStatus.FAILED, summary);
            err.println(counts.count("failed") + " record(s) failed; retry them with --resume " + run.id());
            return ExitCodes.FAILED;
        }
        run.finish(RunStatus.COMPLETED, summary);
        return ExitCodes.OK;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running or ran
        }
        run.close();
        workspace.close();
        if (display instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // only the display
            }
        }
    }
}
