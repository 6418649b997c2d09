package io.llmopt.cli.runs;

import io.llmopt.core.store.IntegrityReport;
import io.llmopt.core.store.StoreSalvage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code llmopt runs check}: SQLite's full integrity check of the store, which it only reads; with
 * {@code --salvage NEW} every run that can still be read whole is copied into a new store.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the run store's integrity (it is only read). Exit 0 when it is intact, 1 when damaged.",
            "With --salvage NEW, copies every run that can still be read whole into the new store NEW;",
            "runs with a damaged row are left out and listed."},
        footer = {"", "Examples:", "  llmopt runs check", "  llmopt runs --store llmopt-runs/runs.db check --salvage llmopt-runs/salvaged.db"})
final class RunsCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Option(names = "--salvage", paramLabel = "NEW", description = "Copy every readable run into this new store file.")
    Path salvage;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = parent.store.path();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run store at " + file + " (give --store PATH, or the --config of the runs)");
        }
        IntegrityReport report = StoreSalvage.check(file);
        if (report.ok()) {
            out.println(file + ": intact (integrity check ok)");
        } else {
            out.println(file + ": damaged, " + report.messages().size() + " problem(s); first: " + report.messages().getFirst());
        }
        if (salvage != null) {
            StoreSalvage.Result result = StoreSalvage.salvage(file, salvage);
            out.println("copied " + result.copied().size() + " of " + (result.copied().size() + result.lost().size())
                    + " run(s) to " + salvage);
            for (Map.Entry<String, String> lost : result.lost().entrySet()) {
                out.println("  lost " + lost.getKey() + ": " + lost.getValue());
            }
            return 0;
        }
        if (!report.ok()) {
            out.println("nothing was changed; 'llmopt runs check --salvage NEW.db' copies the readable runs to a new store");
            return 1;
        }
        return 0;
    }
}
