package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.Interrupts;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.Map;

/**
 * One bpo command's run: the workspace, the started or resumed run, the progress display, and
 * Ctrl-C turned into a clean stop (records in flight finish and are stored).
 */
final class BpoSession implements AutoCloseable {

    private final RunSession session;
    private final ActiveRun run;
    private final Interrupts interrupts;
    private final PrintWriter messages;

    private BpoSession(RunSession session, ActiveRun run, PrintWriter messages) {
        this.session = session;
        this.run = run;
        this.messages = messages;
        this.interrupts = session.interrupts(run, session.resumeCommand(run));
    }

    /** {@code messages} (the command's stderr) receives the report path and a dry run's estimate. */
    static BpoSession open(ConfigOptions config, RunOptions options, String kind, ObjectNode effective, PrintWriter messages) {
        return open(config, options, kind, effective, messages, store -> { });
    }

    /**
     * The same, with {@code beforeRun} checking what needs the store (another run's pairs) before the
     * run is created or resumed: a usage error found there leaves nothing behind.
     */
    static BpoSession open(ConfigOptions config, RunOptions options, String kind, ObjectNode effective, PrintWriter messages,
                           Consumer<RunStore> beforeRun) {
        RunSession session = RunSession.open(config, options.verbosity());
        try {
            beforeRun.accept(session.workspace().store());
            ActiveRun run = options.resume != null ? session.resume(options.resume, kind)
                    : session.start(kind, options.name.orElse(null), effective);
            return new BpoSession(session, run, messages);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    ActiveRun run() {
        return run;
    }

    /**
     * A dry run answers from the simulator into a throw-away store: its outputs are made-up, so
     * commands must not write them over the user's files nor gate on them.
     */
    boolean dryRun() {
        return session.dryRun();
    }

    /** "run ID", or "dry run" (see {@link RunSession#runName}). */
    String runName() {
        return session.runName(run.id());
    }

    /** Says that a dry run leaves {@code file} alone; true when it is one. */
    boolean skipsWriting(Object file, PrintWriter err) {
        if (dryRun()) {
            err.println("dry run: " + file + " not written");
        }
        return dryRun();
    }

    /** The pipelines' context: the run's store, its progress and events, its stop flag. */
    RunContext context() {
        return run.context();
    }

    /**
     * Ends the run by how its records ended: stopped is interrupted (130), failed records fail the
     * run (1) so that a script notices, otherwise completed; then writes its report.
     */
    int finish(PipelineCounts counts, JsonNode summary, PrintWriter err) {
        int code;
        if (counts.stopped()) {
            run.finish(RunStatus.INTERRUPTED, summary);
            err.println("stopped; continue with: " + session.resumeCommand(run));
            code = ExitCodes.INTERRUPTED;
        } else if (counts.count("failed") > 0) {
            run.finish(RunStatus.FAILED, summary);
            err.println(counts.count("failed") + " record(s) failed; retry them with: " + session.resumeCommand(run));
            firstFailure().ifPresent(reason -> err.println("first failure: " + reason));
            code = ExitCodes.FAILED;
        } else {
            run.finish(RunStatus.COMPLETED, summary);
            code = ExitCodes.OK;
        }
        session.writeReport(run, err);
        return code;
    }

    /** Why the first failed record failed (a server not running, a refused key), from the run's warnings. */
    private java.util.Optional<String> firstFailure() {
        run.store().flush();
        return run.store().events(run.id()).stream()
                .filter(e -> e.type().endsWith("." + io.llmopt.bpo.pipeline.PipelineProgress.FAILED))
                .map(e -> e.message()).findFirst();
    }

    /** Ends the run with {@code status}, writes its report, and returns the exit code that status means. */
    int end(RunStatus status, JsonNode summary, PrintWriter err) {
        run.finish(status, summary);
        session.writeReport(run, err);
        return switch (status) {
            case COMPLETED -> ExitCodes.OK;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            default -> ExitCodes.FAILED;
        };
    }

    @Override
    public void close() {
        try {
            interrupts.close();
            session.printEstimate(messages);
        } finally {
            session.close();
        }
    }
}
