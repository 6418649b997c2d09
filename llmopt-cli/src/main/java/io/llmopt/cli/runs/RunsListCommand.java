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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs list}: every run, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the runs, newest first.",
        footer = {"", "Examples:", "  llmopt runs list", "  llmopt runs list --status failed,interrupted --last 5",
            "  llmopt runs list --kind opro --name gsm8k", "  llmopt runs list --store ./llmopt-runs/runs.db"})
final class RunsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Option(names = "--status", paramLabel = "STATUS[,STATUS...]", split = ",",
            description = "Only runs with this status: created, running, interrupted, failed, completed, budget_reached.")
    List<String> status;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only runs of this kind (e.g. opro-prompt, bpo-eval; opro or bpo for all of theirs).")
    String kind;

    @Option(names = "--name", paramLabel = "TEXT", description = "Only runs whose name contains TEXT (any case).")
    String name;

    @Option(names = "--last", paramLabel = "N", description = "Only the N newest runs (after the other filters).")
    Integer last;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (last != null && last < 1) {
            throw new IllegalArgumentException("--last: got " + last + ", expected at least 1");
        }
        RunFilter filter = new RunFilter(RunFilter.statuses(status), kind, name, last == null ? 0 : last);
        try (RunStore store = parent.store.openExisting()) {
            List<RunRecord> all = store.runs();
            List<RunRecord> runs = filter.apply(all);
            if (runs.isEmpty()) {
                out.println(all.isEmpty() || !filter.filters() ? "no runs in " + store.file()
                        : "no runs match (" + all.size() + " in " + store.file() + ")");
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
