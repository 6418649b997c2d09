package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.bpo.pipeline.PipelineProgress;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import java.io.PrintWriter;
import java.util.Optional;

/** How a BPO pipeline's run ends: its status from how its records ended, and what to tell the user. */
final class PipelineRunEnd {

    private PipelineRunEnd() {
    }

    /**
     * Ends {@code run} by how its records ended: stopped is interrupted (130), failed records fail
     * the run (1) so that a script notices, otherwise completed; then writes its report.
     */
    static int finish(RunSession session, ActiveRun run, PipelineCounts counts, JsonNode summary, PrintWriter err) {
        RunStatus status;
        if (counts.stopped()) {
            status = RunStatus.INTERRUPTED;
            run.finish(status, summary);
            err.println("stopped; continue with: " + session.resumeCommand(run));
        } else if (counts.count("failed") > 0) {
            status = RunStatus.FAILED;
            run.finish(status, summary);
            err.println(counts.count("failed") + " record(s) failed; retry them with: " + session.resumeCommand(run));
            firstFailure(run).ifPresent(reason -> err.println("first failure: " + reason));
        } else {
            status = RunStatus.COMPLETED;
            run.finish(status, summary);
        }
        session.writeReport(run, err);
        return RunSession.exitCode(status);
    }

    /** Why the first failed record failed (a server not running, a refused key), from the run's warnings. */
    private static Optional<String> firstFailure(ActiveRun run) {
        run.store().flush();
        return run.store().events(run.id()).stream()
                .filter(e -> e.type().endsWith("." + PipelineProgress.FAILED))
                .map(e -> e.message()).findFirst();
    }
}
