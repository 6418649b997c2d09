package io.llmopt.cli.runs;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.report.CandidateRanking;
import io.llmopt.report.Format;
import io.llmopt.report.PairedComparison;
import io.llmopt.report.RunHeadline;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code llmopt runs compare ID ID ...}: the runs' best results side by side and, where two runs'
 * best candidates were scored on the same test examples, the exact McNemar test between them.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Shows the runs' best results side by side. Where the best candidates of two runs were scored on "
                + "the same test examples (same example ids), adds the exact McNemar test of each run against the first."},
        footer = {"", "Examples:", "  llmopt runs compare RUN_A RUN_B"})
final class RunsCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Parameters(arity = "2..*", paramLabel = "ID", description = "Two or more run ids; the first is the reference.")
    List<String> runIds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = parent.store.openExisting()) {
            List<RunRecord> runs = new ArrayList<>();
            for (String id : runIds) {
                runs.add(Runs.require(store, id));
            }
            TextTable table = new TextTable(50, "ID", "NAME", "KIND", "STATUS", "BEST", "TRAIN", "VALID", "TEST", "COST",
                    "BEST INSTRUCTION");
            List<Optional<CandidateRecord>> best = new ArrayList<>();
            for (RunRecord run : runs) {
                Optional<CandidateRecord> top = CandidateRanking.best(store.candidates(run.id()), 1).stream().findFirst();
                best.add(top);
                table.row(run.id(), run.name() == null ? "" : run.name(), run.kind(), run.status().wireName(),
                        RunHeadline.of(store, run),
                        top.map(c -> Format.percent(c.trainScore())).orElse(""),
                        top.map(c -> Format.percent(c.validationScore())).orElse(""),
                        top.map(c -> Format.percent(c.testScore())).orElse(""),
                        Format.cost(store.callTotals(run.id()).cost()), top.map(CandidateRecord::text).orElse(""));
            }
            table.print(out);
            pairedTests(out, store, runs, best);
        }
        return 0;
    }

    private static void pairedTests(PrintWriter out, RunStore store, List<RunRecord> runs, List<Optional<CandidateRecord>> best) {
        if (best.get(0).isEmpty()) {
            return;
        }
        List<ExampleResult> reference = store.exampleResults(runs.get(0).id(), best.get(0).get().id(), Split.TEST);
        if (reference.isEmpty()) {
            out.println();
            out.println("no paired test: the best candidate of " + runs.get(0).id() + " has no test results");
            return;
        }
        out.println();
        out.println("paired test on shared test examples (exact McNemar), each run's best against " + runs.get(0).id() + "'s:");
        Set<String> referenceIds = ids(reference);
        for (int i = 1; i < runs.size(); i++) {
            String label = "  " + runs.get(i).id() + ": ";
            if (best.get(i).isEmpty()) {
                out.println(label + "no scored candidate");
                continue;
            }
            List<ExampleResult> other = store.exampleResults(runs.get(i).id(), best.get(i).get().id(), Split.TEST);
            Optional<PairedComparison> cmp = PairedComparison.of(other, reference);
            if (cmp.isEmpty()) {
                out.println(label + "no shared test examples");
                continue;
            }
            String note = ids(other).equals(referenceIds) ? "" : " (test sets differ; only the shared examples are compared)";
            out.println(label + cmp.get().display() + note);
        }
    }

    private static Set<String> ids(List<ExampleResult> results) {
        Set<String> ids = new HashSet<>();
        results.forEach(r -> ids.add(r.exampleId()));
        return ids;
    }
}
