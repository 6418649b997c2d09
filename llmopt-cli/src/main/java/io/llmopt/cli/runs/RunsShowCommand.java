package io.llmopt.cli.runs;

import io.llmopt.core.report.ReportJson;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.RunAttempts;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.CandidateRanking;
import io.llmopt.report.Format;
import io.llmopt.report.RoleUsage;
import io.llmopt.report.RunHeadline;
import io.llmopt.report.UsageByRole;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs show ID}: one run's status, summary, usage per role, best candidates and configuration. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a run: status, summary, usage per role, best candidates and configuration.",
        footer = {"", "Examples:", "  llmopt runs show 20250101-120000-ab12"})
final class RunsShowCommand implements Callable<Integer> {

    static final int BEST_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The run id (see llmopt runs list).")
    String runId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = parent.store.openExisting()) {
            RunRecord run = Runs.require(store, runId);
            out.println("run       " + run.id());
            out.println("name      " + (run.name() == null ? "" : run.name()));
            out.println("kind      " + run.kind());
            out.println("status    " + run.status().wireName());
            out.println("created   " + Format.time(run.createdAt()));
            RunAttempts attempts = store.attempts(run.id()).orElse(null);
            out.println("started   " + Format.time(Runs.firstStart(run, attempts)));
            out.println("finished  " + Format.time(run.finishedAt()));
            out.println("duration  " + Runs.activeTime(run, attempts, java.time.Instant.now()) + " running");
            out.println("attempts  " + (attempts == null ? 1 : attempts.attempts())
                    + (attempts != null && attempts.attempts() > 1 ? " (last started " + Format.time(run.startedAt()) + ")" : ""));
            out.println("best      " + RunHeadline.of(store, run));
            CallTotals totals = store.callTotals(run.id());
            out.println("cost      " + Format.cost(totals));
            out.println("requests  " + totals.requests() + " sent to model servers over " + totals.calls() + " call(s)");
            if (run.summaryJson() != null) {
                out.println();
                out.println("summary");
                indent(out, pretty(run.summaryJson()));
            }
            out.println();
            out.println("usage per role");
            usage(out, store, run);
            if (RunKinds.OPRO_PROMPT.equals(run.kind())) {
                out.println();
                out.println("best candidates");
                best(out, store.candidates(run.id()));
            }
            out.println();
            out.println("configuration (secrets redacted)");
            indent(out, pretty(run.configJson()));
        }
        return 0;
    }

    private static void usage(PrintWriter out, RunStore store, RunRecord run) {
        var calls = store.calls(run.id());
        if (calls.isEmpty()) {
            out.println("  no model call logged");
            return;
        }
        TextTable table = new TextTable(40, "  ROLE", "MODELS", "CALLS", "CACHED", "ERRORS", "PROMPT TOK", "COMPL TOK", "COST");
        List<RoleUsage> rows = new java.util.ArrayList<>(UsageByRole.of(calls));
        rows.add(UsageByRole.total(calls));
        for (RoleUsage u : rows) {
            table.row("  " + u.role(), u.models(), String.valueOf(u.calls()), String.valueOf(u.cacheHits()),
                    String.valueOf(u.errors()), String.valueOf(u.promptTokens()), String.valueOf(u.completionTokens()),
                    Format.cost(u.cost()));
        }
        table.print(out);
    }

    private static void best(PrintWriter out, List<CandidateRecord> candidates) {
        List<CandidateRecord> best = CandidateRanking.best(candidates, BEST_SHOWN);
        if (best.isEmpty()) {
            out.println("  none scored yet");
            return;
        }
        TextTable table = new TextTable(70, "  STEP", "TRAIN", "VALID", "TEST", "INSTRUCTION");
        for (CandidateRecord c : best) {
            table.row("  " + c.step(), Format.percent(c.trainScore()), Format.percent(c.validationScore()),
                    Format.percent(c.testScore()), c.text());
        }
        table.print(out);
    }

    static String pretty(String json) {
        try {
            var tree = ReportJson.tree(json);
            return tree == null ? "{}" : tree.toPrettyString();
        } catch (IllegalArgumentException e) {
            return json;
        }
    }

    private static void indent(PrintWriter out, String text) {
        text.lines().forEach(l -> out.println("  " + l));
    }
}
