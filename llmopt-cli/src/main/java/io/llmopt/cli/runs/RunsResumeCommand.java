package io.llmopt.cli.runs;

import io.llmopt.cli.common.CommandLauncher;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt runs resume ID}: continues an interrupted run through the {@link RunResumer} of its kind. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues a run that did not complete (crashed, interrupted, failed or out of budget) where it stopped.",
            "It runs the command that started the run again with --resume ID; give a bigger budget with",
            "LLMOPT_BUDGET_MAX_COST or LLMOPT_BUDGET_MAX_TOKENS when the budget was reached."},
        footer = {"", "Examples:", "  llmopt runs resume 20250101-120000-ab12", "  LLMOPT_BUDGET_MAX_COST=10 llmopt runs resume 20250101-120000-ab12"})
final class RunsResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    RunsCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The run id.")
    String runId;

    @Override
    public Integer call() throws Exception {
        try (RunStore store = parent.store.openExisting()) {
            RunRecord run = Runs.require(store, runId);
            if (run.status() == RunStatus.COMPLETED) {
                throw new IllegalArgumentException("run " + runId + " is " + run.status().wireName() + " and cannot be resumed");
            }
            Optional<RunResumer> builtIn = CommandLineResumer.KINDS.contains(run.kind())
                    ? Optional.of(new CommandLineResumer(run.kind(), (CommandLauncher) spec.root().userObject()))
                    : Optional.empty();
            RunResumer resumer = RunResumers.forKind(run.kind(), builtIn).orElseThrow(() -> new IllegalArgumentException(
                    "runs of kind " + run.kind() + " cannot be resumed by this build"));
            return resumer.resume(store, run, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
