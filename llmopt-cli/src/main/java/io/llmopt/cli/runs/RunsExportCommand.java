package io.llmopt.cli.runs;

import io.llmopt.core.store.RunStore;
import io.llmopt.report.ReportWriter;
import io.llmopt.report.RunExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs export ID}: everything recorded for a run, as JSON or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports everything recorded for a run: the run, steps, candidates with scores, example results, "
                + "model calls, events and work items.",
            "json: one file <ID>.json; csv: one file per table, <ID>-<table>.csv."},
        footer = {"", "Examples:", "  llmopt runs export 20250101-120000-ab12 --format json", "  llmopt runs export 20250101-120000-ab12 --format csv --output out/"})
final class RunsExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The run id.")
    String runId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json (default) or csv.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder to write into (default: the run's folder next to the store, runs/<ID>/).")
    Path output;

    @Override
    public Integer call() {
        RunExporter.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> RunExporter.Format.JSON;
            case "csv" -> RunExporter.Format.CSV;
            default -> throw new IllegalArgumentException("--format must be csv or json, got '" + format + "'");
        };
        try (RunStore store = parent.store.openExisting()) {
            Runs.require(store, runId);
            Path dir = output != null ? output : ReportWriter.defaultDirectory(store, runId);
            List<Path> files = new RunExporter(store).export(runId, chosen, dir);
            PrintWriter out = spec.commandLine().getOut();
            files.forEach(f -> out.println("wrote " + f));
        }
        return 0;
    }
}
