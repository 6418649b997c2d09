package io.llmopt.cli.runs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs}: the runs in a run store. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = {"Lists, shows, exports, compares, deletes, resumes and checks the runs in a run store."},
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsExportCommand.class, RunsCompareCommand.class,
            RunsRmCommand.class, RunsResumeCommand.class, RunsCheckCommand.class},
        footer = {"", "Examples:",
            "  llmopt runs list",
            "  llmopt runs --store other/llmopt.db show 20261122-153012-ab12",
            "  llmopt runs compare 20261122-153012-ab12 20261123-091500-cd34",
            "  llmopt runs export 20261122-153012-ab12 --format csv --output exports/",
            "  llmopt runs check --salvage llmopt-runs/salvaged.db"})
public final class RunsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, export, compare, rm, resume or check");
    }
}
