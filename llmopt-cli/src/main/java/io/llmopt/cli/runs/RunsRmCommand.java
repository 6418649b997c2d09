package io.llmopt.cli.runs;

import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code llmopt runs rm ID ...}: deletes runs and everything recorded for them. Asks first on a
 * terminal; without one (scripts, CI) it refuses unless {@code --yes} says the deletion is meant.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Deletes runs and everything recorded for them from the store (report folders are left alone).",
            "Asks for confirmation on a terminal; without a terminal --yes is required."},
        footer = {"", "Examples:", "  llmopt runs rm 20250101-120000-ab12", "  llmopt runs rm 20250101-120000-ab12 --yes"})
final class RunsRmCommand implements Callable<Integer> {

    /** Where the confirmation comes from; replaced in tests. Null when there is no terminal. */
    static Supplier<Console> console = System::console;

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The run ids to delete.")
    List<String> runIds;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore store = parent.store.openExisting()) {
            // every id is checked before anything is deleted: a typo must not leave half the work done
            List<RunRecord> runs = new ArrayList<>();
            for (String id : runIds) {
                runs.add(Runs.require(store, id));
            }
            if (!yes && !confirmed(runs)) {
                out.println("nothing deleted");
                return 1;
            }
            for (RunRecord run : runs) {
                store.deleteRun(run.id());
                out.println("deleted " + run.id());
            }
        }
        return 0;
    }

    private boolean confirmed(List<RunRecord> runs) {
        Console terminal = console.get();
        if (terminal == null) {
            throw new IllegalArgumentException("refusing to delete without a terminal to confirm on; pass --yes");
        }
        for (RunRecord run : runs) {
            terminal.printf("%s  %s  %s  %s%n", run.id(), run.kind(), run.status().wireName(), run.name() == null ? "" : run.name());
        }
        String answer = terminal.readLine("Delete %d run(s) and everything recorded for them? [y/N] ", runs.size());
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
}
