package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.Interrupts;
import io.llmopt.cli.common.OptionBounds;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RoleOption;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.runs.TextTable;
import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.PromptOptimizationSection;
import io.llmopt.opro.sweep.CellOutcome;
import io.llmopt.opro.sweep.SweepCell;
import io.llmopt.opro.sweep.SweepData;
import io.llmopt.opro.sweep.SweepLookup;
import io.llmopt.opro.sweep.SweepPlan;
import io.llmopt.opro.sweep.SweepResult;
import io.llmopt.opro.sweep.SweepRunner;
import io.llmopt.opro.sweep.SweepSetting;
import io.llmopt.opro.sweep.SweepSpec;
import io.llmopt.report.Format;
import io.llmopt.report.SweepReadout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmopt opro sweep FILE}: a grid of OPRO settings as ordinary runs tagged as one sweep. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {"Run a grid of OPRO settings from a sweep file (YAML): each setting as ordinary opro prompt runs,"
                + " once per repetition, a few at a time, sharing the response cache and the budget.",
                "Running the same file again continues its sweep: finished runs are kept, interrupted ones resumed."
                        + " The report draws training accuracy per step, test accuracy and calls per setting."},
        footer = {"", "Examples:", "  llmopt opro sweep docs/sweeps/instructions-per-step.yaml --dataset gsm8k --model openai:gpt-4o-mini --dry-run",
                "  llmopt opro sweep docs/sweeps/meta-prompt-components.yaml --dataset bbh --task navigate --model ollama:llama3.2",
                "", "The file's format is in docs/sweep.md.",
                "Exit codes: 0 ok, 1 a run failed, 2 usage or configuration error, 3 budget reached, 130 interrupted."})
public final class OproSweepCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML or JSON; docs/sweep.md).")
    Path file;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RoleOption.Optimizer optimizerRole;

    @Mixin
    RoleOption.Scorer scorerRole;

    @Mixin
    DatasetOptions data;

    @Mixin
    ScorerPromptOptions scoring;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs in flight at once (default: the file's"
            + " parallel_runs, else 2); every run's calls also obey the models' max_concurrency.")
    Integer parallel;

    @Mixin
    RunNameOption name;

    @Option(names = "--resume", paramLabel = "SWEEP_ID", description = "Continue this sweep (give the same file and options).")
    String resume;

    @Option(names = "--new", description = "Start a new sweep even when the store has one of the same file and options"
            + " (by default running the file again continues it).")
    boolean newSweep;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (parallel != null && (parallel < 1 || parallel > 64)) {
            throw new IllegalArgumentException("--parallel must be between 1 and 64, got " + parallel);
        }
        try (RunSession.Configured configured = RunSession.configure(configOptions)) {
            return call(configured);
        }
    }

    /** Runs on the command's configuration, loaded once for its opro section and for the session. */
    private int call(RunSession.Configured configured) {
        LoadedConfig loaded = configured.config();
        PromptOptimizationConfig.Builder builder = PromptOptimizationConfig.reference().toBuilder()
                .steps(OproPromptCommand.DEFAULT_STEPS);
        loaded.section("opro", PromptOptimizationSection.class).applyTo(builder);
        SweepSpec sweepSpec = SweepSpec.read(file);
        LoadedData dataset = data.loadForTraining();
        builder.forbidDigits(dataset.forbidDigits()).taskDescription(dataset.taskDescription());
        scoring.applyTo(builder);
        PromptOptimizationConfig base = builder.build();
        SweepPlan plan = SweepPlan.of(sweepSpec, base, file.toString());
        for (SweepCell cell : plan.cells()) {
            PromptOptimizationConfig c = cell.config();
            OptionBounds.requireWithin(file + " '" + cell.setting().label() + "' steps", c.steps(), "--steps");
            OptionBounds.requireWithin(file + " '" + cell.setting().label() + "' candidates_per_step", c.candidatesPerStep(),
                    "--candidates-per-step");
            OptionBounds.requireInstructions(file + " '" + cell.setting().label() + "' initial_instructions",
                    c.initialInstructions());
        }

        ObjectNode facts = JSON.createObjectNode();
        facts.put("dataset", dataset.dataset());
        facts.put("task", dataset.task());
        facts.set("split", JSON.valueToTree(dataset.splitSpec()));
        facts.put("train_examples", dataset.train().size());
        facts.put("validation_examples", dataset.validation().size());
        facts.put("test_examples", dataset.test().size());
        // what makes two sweeps the same: the file's grid, the data and the command's settings
        ObjectNode sweepConfig = facts.deepCopy();
        sweepConfig.set("sweep_file", JSON.valueToTree(sweepSpec));
        sweepConfig.set("opro", JSON.valueToTree(base));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunSession session = configured.open(output.verbosity())) {
            ActiveRun sweep = open(session, sweepSpec, dataset, sweepConfig, plan, out);
            SweepRunner runner = SweepRunner.builder()
                    .workspace(session.workspace()).plan(plan)
                    .data(new SweepData(dataset.train(), dataset.validation(), dataset.test(), dataset.grading(), facts))
                    .parallelRuns(parallel != null ? parallel : sweepSpec.parallelRunCount())
                    .onCellEnd(o -> cellLine(out, session, o, plan.cells().size()))
                    .build();
            String resumeHint = session.resumeCommand(sweep);
            SweepResult result;
            try (Interrupts interrupts = new Interrupts(() -> {
                sweep.requestStop();
                runner.requestStop();
            }, () -> {
                runner.interruptNow();
                sweep.interruptNow();
            }, resumeHint, System.err)) {
                result = runner.run(sweep);
            } catch (RuntimeException e) {
                sweep.finish(sweep.stopRequested() ? RunStatus.INTERRUPTED : RunStatus.FAILED, null);
                throw e;
            }
            RunStatus status = sweep.stopRequested() && result.status() != RunStatus.COMPLETED ? RunStatus.INTERRUPTED : result.status();
            sweep.finish(status, summary(result));
            if (session.dryRun()) {
                dryRunTable(out, plan, result);
                session.printEstimate(out, result.outcomes().stream().map(CellOutcome::usage).toList());
                return ExitCodes.OK;
            }
            out.println();
            printSettings(out, SweepReadout.read(sweep.store(), sweep.id()));
            out.printf(Locale.ROOT, "sweep %s %s: %d of %d runs completed (%d kept from earlier attempts)%n", sweep.id(),
                    status.wireName(), result.completedRuns(), result.outcomes().size(), result.keptRuns());
            result.outcomes().stream().filter(o -> o.error() != null).findFirst().ifPresent(o ->
                    err.println("llmopt: run " + o.runId() + " (" + o.cell().setting().label() + ") " + o.status().wireName()
                            + ": " + o.error()));
            if (status != RunStatus.COMPLETED) {
                err.println("llmopt: sweep " + sweep.id() + " " + status.wireName() + "; continue it with: " + resumeHint);
            }
            session.writeReport(sweep, out);
            return switch (status) {
                case COMPLETED -> ExitCodes.OK;
                case BUDGET_REACHED -> ExitCodes.BUDGET_REACHED;
                case INTERRUPTED -> sweep.stopRequested() ? ExitCodes.INTERRUPTED : ExitCodes.FAILED;
                default -> ExitCodes.FAILED;
            };
        }
    }

    /** The sweep to run: the one named by --resume, else the store's same sweep (unless --new), else a new one. */
    private ActiveRun open(RunSession session, SweepSpec sweepSpec, LoadedData dataset, ObjectNode sweepConfig,
                           SweepPlan plan, PrintWriter out) {
        if (resume != null) {
            session.workspace().store().run(resume).ifPresent(stored -> {
                if (!RunKinds.OPRO_SWEEP.equals(stored.kind())) {
                    throw new IllegalArgumentException("run " + resume + " is a " + stored.kind() + " run, not a sweep");
                }
                ResumeCheck.requireSameOptions(resume, stored.configJson(), sweepConfig);
            });
            return session.resume(resume, RunKinds.OPRO_SWEEP);
        }
        if (!newSweep && !session.dryRun()) {
            Optional<RunRecord> same = SweepLookup.sameSweep(session.workspace().store(), sweepConfig);
            if (same.isPresent()) {
                out.println("continuing sweep " + same.get().id() + " (same file and options; --new starts another)");
                out.flush();
                return session.resume(same.get().id(), RunKinds.OPRO_SWEEP);
            }
        }
        String label = sweepSpec.name() != null ? sweepSpec.name() : file.getFileName().toString();
        ActiveRun sweep = session.start(RunKinds.OPRO_SWEEP, name.orElse(label + " · " + dataset.label()), sweepConfig);
        out.printf(Locale.ROOT, "%s: %d settings x %d repetitions = %d runs, %d at a time%n",
                session.runName(sweep.id()).replace("run ", "sweep "), plan.settings().size(),
                sweepSpec.repetitionCount(), plan.cells().size(), parallel != null ? parallel : sweepSpec.parallelRunCount());
        out.flush();
        return sweep;
    }

    private static void cellLine(PrintWriter out, RunSession session, CellOutcome o, int runs) {
        String what = o.kept() ? "kept (completed earlier)" : o.status() == RunStatus.CREATED ? "not started"
                : o.status().wireName() + String.format(Locale.ROOT, ", %,d calls (%,d cached)",
                        o.usage().total().calls(), o.usage().total().cacheHits());
        synchronized (out) {
            out.printf(Locale.ROOT, "✓ %s %s · seed %d: %s%s%n", o.cell().key(), o.cell().setting().label(),
                    o.cell().repetition(), what, o.runId() == null || session.dryRun() ? "" : " [" + o.runId() + "]");
            out.flush();
        }
    }

    private static ObjectNode summary(SweepResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("runs", result.outcomes().size());
        node.put("completed_runs", result.completedRuns());
        node.put("settings", result.outcomes().stream().map(o -> o.cell().setting().index()).distinct().count());
        return node;
    }

    /** A dry run: what each setting would cost, from the simulated runs' calls. */
    private static void dryRunTable(PrintWriter out, SweepPlan plan, SweepResult result) {
        Map<Integer, long[]> calls = new LinkedHashMap<>();
        Map<Integer, Double> cost = new LinkedHashMap<>();
        for (CellOutcome o : result.outcomes()) {
            UsageSnapshot u = o.usage();
            long[] c = calls.computeIfAbsent(o.cell().setting().index(), k -> new long[2]);
            c[0] += u.total().calls();
            c[1] += u.total().promptTokens() + u.total().completionTokens();
            cost.merge(o.cell().setting().index(), u.total().cost(), Double::sum);
        }
        out.println();
        TextTable table = new TextTable(60, "#", "setting", "runs", "steps", "calls", "tokens", "cost");
        for (SweepSetting s : plan.settings()) {
            long[] c = calls.getOrDefault(s.index(), new long[2]);
            List<SweepCell> cells = plan.cellsOf(s);
            table.row(String.valueOf(s.index() + 1), s.label(), String.valueOf(cells.size()),
                    String.valueOf(cells.get(0).config().steps()), String.format(Locale.ROOT, "%,d", c[0]),
                    String.format(Locale.ROOT, "%,d", c[1]), Format.cost(cost.getOrDefault(s.index(), 0.0)));
        }
        table.print(out);
    }

    private static void printSettings(PrintWriter out, SweepReadout sweep) {
        TextTable table = new TextTable(60, "#", "setting", "runs", "training", "test (95% CI, n)", "calls", "cached", "cost");
        for (SweepReadout.Setting s : sweep.settings()) {
            table.row(String.valueOf(s.index() + 1), s.label(), s.completedRuns() + "/" + s.members().size(),
                    s.finalTraining().map(Format::percent).orElse("–"),
                    s.test().map(t -> t.display()).orElse("–"),
                    String.format(Locale.ROOT, "%,d", s.calls()), String.format(Locale.ROOT, "%,d", s.cacheHits()),
                    Format.cost(s.cost()));
        }
        table.print(out);
    }
}
