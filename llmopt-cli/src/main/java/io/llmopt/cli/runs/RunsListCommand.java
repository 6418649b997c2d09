package io.llmopt.cli.runs;

import io.llmopt.core.store.RunAttempts;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.Format;
import io.llmopt.report.RunHeadline;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs list}: every run, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the runs, newest first.",
        footer = {"", "Examples:", "  llmopt runs list", "  llmopt runs list --store ./llmopt-runs/runs.db"})
final class RunsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = parent.store.openExisting()) {
            List<RunRecord> runs = store.runs();
            if (runs.isEmpty()) {
                out.println("no runs in " + store.file());
                return 0;
            }
            Map<String, RunAttempts> attempts = store.attempts();
            Instant now = Instant.now();
            TextTable table = new TextTable(40, "ID", "NAME", "KIND", "STATUS", "BEST", "COST", "STARTED", "DURATION");
            for (RunRecord run : runs) {
                table.row(run.id(), run.name() == null ? "" : run.name(), run.kind(), run.status().wireName(),
                        RunHeadline.of(store, run), Format.cost(store.callTotals(run.id()).cost()),
                        // the first start and the time spent running over every attempt, not the last one's
                        Format.time(Runs.firstStart(run, attempts.get(run.id()))),
                        Runs.activeTime(run, attempts.get(run.id()), now));
            }
            table.print(out);
        }
        return 0;
    }
}
