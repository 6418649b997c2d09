package io.llmopt.cli.runs;

import io.llmopt.core.store.RunStore;
import io.llmopt.report.ReportFiles;
import io.llmopt.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt report ID}: writes a run's HTML report, Markdown summary and charts. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes a run's report: report.html (self-contained: opens offline), report.md, and every chart "
                + "as PNG and SVG."},
        footer = {"", "Examples:", "  llmopt report 20261122-153012-ab12", "  llmopt report 20261122-153012-ab12 -o paper/figures"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "ID", description = "The run id (see llmopt runs list).")
    String runId;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder to write into (default: the run's folder next to the store, runs/<ID>/).")
    Path output;

    @Override
    public Integer call() {
        try (RunStore runStore = store.openExisting()) {
            Runs.require(runStore, runId);
            Path dir = output != null ? output : ReportWriter.defaultDirectory(runStore, runId);
            ReportFiles files = ReportWriter.write(runStore, runId, dir);
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + files.html());
            out.println("wrote " + files.markdown());
            out.println("wrote " + files.charts().size() + " chart(s) as PNG and SVG into " + dir.toAbsolutePath());
        }
        return 0;
    }
}
