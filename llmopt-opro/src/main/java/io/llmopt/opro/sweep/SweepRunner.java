package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.accounting.BudgetReservations;
import io.llmopt.core.accounting.Usage;
import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.opro.prompt.PromptOptimizationResult;
import io.llmopt.opro.prompt.PromptOptimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a {@link SweepPlan} as ordinary opro-prompt runs tagged with one sweep: at most
 * {@code parallel_runs} runs at a time (a {@link BoundedLauncher}), all in one workspace, so they
 * share its response cache and model limits, and all committing against one budget.
 *
 * <p>The sweep is itself a run (kind {@link RunKinds#OPRO_SWEEP}, started by the caller) whose work
 * items map each grid cell to its run ({@link RunKinds#OPRO_SWEEP_CELL_ITEM}), recorded before the
 * cell's run makes a call. Running the same sweep run again is its resume: a cell whose run
 * completed is kept, an interrupted one is resumed (the optimizer continues from its stored steps,
 * and the cache answers the calls it had made), one never started starts.
 *
 * <p>A run that ends without completing (budget reached, a model failing for good) stops the sweep:
 * no run starts after it, the runs in flight are stopped and stay resumable.
 */
public final class SweepRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UsageSnapshot NOTHING = new UsageSnapshot(Usage.NONE, Map.of(), Set.of());

    private final Workspace workspace;
    private final SweepPlan plan;
    private final SweepData data;
    private final int parallelRuns;
    private final RunListener listener;
    private final Consumer<CellOutcome> onCellEnd;
    private final Consumer<SweepCell> onCellStart;
    private final BudgetReservations budget = new BudgetReservations();
    private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile ActiveRun sweepRun;

    private SweepRunner(Builder b) {
        this.workspace = Objects.requireNonNull(b.workspace, "workspace");
        this.plan = Objects.requireNonNull(b.plan, "plan");
        this.data = Objects.requireNonNull(b.data, "data");
        this.parallelRuns = b.parallelRuns != null ? b.parallelRuns : plan.spec().parallelRunCount();
        this.listener = b.listener;
        this.onCellEnd = b.onCellEnd;
        this.onCellStart = b.onCellStart;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs (or resumes) the sweep recorded as {@code sweep}, an {@link RunKinds#OPRO_SWEEP} run open
     * in this runner's workspace. Blocks until every run ended or the sweep stopped; does not finish
     * {@code sweep} (the caller records its status, e.g. from {@link SweepResult#status()}).
     */
    public SweepResult run(ActiveRun sweep) {
        this.sweepRun = Objects.requireNonNull(sweep, "sweep");
        List<SweepCell> cells = plan.cells();
        Map<String, CellOutcome> outcomes = new ConcurrentHashMap<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelRuns, Math.max(1, cells.size())),
                r -> Thread.ofPlatform().daemon(true).name("llmopt-sweep-" + threadNumber.incrementAndGet()).unstarted(r));
        try {
            new BoundedLauncher<SweepCell>(parallelRuns, this::stopping).run(cells, cell -> CompletableFuture.runAsync(() -> {
                CellOutcome outcome = runCell(cell);
                outcomes.put(cell.key(), outcome);
                if (!outcome.completed()) {
                    requestStop(); // the budget is spent or a model fails for good: the others would too
                }
                if (onCellEnd != null) {
                    onCellEnd.accept(outcome);
                }
            }, pool)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
        List<CellOutcome> ordered = new ArrayList<>();
        for (SweepCell cell : cells) {
            CellOutcome o = outcomes.get(cell.key());
            ordered.add(o != null ? o : notStarted(cell));
        }
        return new SweepResult(sweep.id(), statusOf(ordered), ordered);
    }

    /** Stops the sweep: no run starts any more, and the runs in flight stop at once (their calls are cancelled). */
    public void requestStop() {
        stop.set(true);
        for (ActiveRun run : active) {
            run.requestStop();
        }
    }

    /** After a second Ctrl-C: every run in flight is recorded interrupted now. */
    public void interruptNow() {
        stop.set(true);
        for (ActiveRun run : active) {
            run.interruptNow();
        }
    }

    private boolean stopping() {
        if (!stop.get() && sweepRun.stopRequested()) {
            requestStop(); // asked from the dashboard or another process: reach the runs in flight too
        }
        return stop.get();
    }

    private CellOutcome runCell(SweepCell cell) {
        RunStore store = workspace.store();
        Optional<RunRecord> earlier = cellRun(store, sweepRun.id(), cell.key()).flatMap(store::run);
        if (earlier.isPresent() && earlier.get().status() == RunStatus.COMPLETED) {
            // a sweep killed between the run's end and its cell's record: record it now
            store.transactionAndWait(u -> u.workItem(cellItem(cell, earlier.get().id(), WorkItem.DONE)));
            return new CellOutcome(cell, earlier.get().id(), RunStatus.COMPLETED, true, NOTHING, null);
        }
        if (stopping()) {
            return notStarted(cell);
        }
        ActiveRun run;
        if (earlier.isPresent()) {
            run = workspace.resumeRun(earlier.get().id(), budget);
        } else {
            run = workspace.startRun(RunKinds.OPRO_PROMPT, runName(cell), runConfig(cell), budget);
            // before the run makes a call: a sweep killed from here on resumes this run, not a new one
            store.transactionAndWait(u -> u.workItem(cellItem(cell, run.id(), WorkItem.PENDING)));
        }
        active.add(run);
        try (run) {
            if (stop.get()) {
                run.requestStop(); // a stop that came while the run was opening
            }
            if (onCellStart != null) {
                onCellStart.accept(cell);
            }
            PromptOptimizer optimizer = PromptOptimizer.builder()
                    .optimizer(run.model(ModelRoles.OPTIMIZER))
                    .scorer(run.model(ModelRoles.SCORER), data.grading())
                    .config(cell.config())
                    .examples(data.train(), data.validation(), data.test())
                    .context(withListener(run.context()).withStop(() -> run.stopRequested() || stopping()))
                    .manageRunStatus(false)
                    .build();
            try {
                PromptOptimizationResult result = optimizer.run();
                RunStatus status = result.stopped() ? RunStatus.INTERRUPTED : RunStatus.COMPLETED;
                run.finish(status, PromptOptimizer.summary(result));
                if (status == RunStatus.COMPLETED) {
                    store.transactionAndWait(u -> u.workItem(cellItem(cell, run.id(), WorkItem.DONE)));
                }
                return new CellOutcome(cell, run.id(), status, false, run.usage(), null);
            } catch (RuntimeException e) {
                RunStatus status = run.stopRequested() || stop.get() ? RunStatus.INTERRUPTED : PromptOptimizer.statusAfter(e);
                run.finish(status, null);
                return new CellOutcome(cell, run.id(), status, false, run.usage(), String.valueOf(e.getMessage()));
            }
        } finally {
            active.remove(run);
        }
    }

    /** The run's context, its events also told to this runner's listener. */
    private RunContext withListener(RunContext context) {
        if (listener == null) {
            return context;
        }
        RunListener own = context.listener();
        return context.withListener(new RunListener() {
            @Override
            public void onEvent(io.llmopt.core.events.RunEvent event) {
                own.onEvent(event);
                listener.onEvent(event);
            }

            @Override
            public void onProgress(io.llmopt.core.events.Progress progress) {
                own.onProgress(progress);
            }
        });
    }

    /** The run a cell of {@code sweepId} was given, if it was. */
    static Optional<String> cellRun(RunStore store, String sweepId, String cellKey) {
        return store.workItem(sweepId, RunKinds.OPRO_SWEEP_CELL_ITEM, cellKey)
                .map(item -> readJson(item.payloadJson()).path("run_id").asText(null));
    }

    private WorkItem cellItem(SweepCell cell, String runId, String status) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("run_id", runId);
        payload.put("setting", cell.setting().index());
        payload.put("label", cell.setting().label());
        payload.put("repetition", cell.repetition());
        payload.set("values", cell.setting().values());
        return new WorkItem(sweepRun.id(), RunKinds.OPRO_SWEEP_CELL_ITEM, cell.key(), payload.toString(), status, null);
    }

    private String runName(SweepCell cell) {
        String sweepName = sweepRun.record().name();
        return (sweepName != null ? sweepName + " · " : "") + cell.setting().label()
                + (plan.spec().repetitionCount() > 1 ? " · seed " + cell.repetition() : "");
    }

    private ObjectNode runConfig(SweepCell cell) {
        ObjectNode config = data.facts() != null ? data.facts().deepCopy() : JSON.createObjectNode();
        config.set("opro", JSON.valueToTree(cell.config()));
        ObjectNode sweep = config.putObject("sweep");
        sweep.put("id", sweepRun.id());
        sweep.put("cell", cell.key());
        sweep.put("setting", cell.setting().index());
        sweep.put("label", cell.setting().label());
        sweep.put("repetition", cell.repetition());
        return config;
    }

    private static CellOutcome notStarted(SweepCell cell) {
        return new CellOutcome(cell, null, RunStatus.CREATED, false, NOTHING, null);
    }

    /** Completed when every run is; else the gravest reason one is not: budget, failure, interruption. */
    static RunStatus statusOf(List<CellOutcome> outcomes) {
        RunStatus status = RunStatus.COMPLETED;
        for (CellOutcome o : outcomes) {
            status = graver(status, o.status());
        }
        return status;
    }

    private static RunStatus graver(RunStatus a, RunStatus b) {
        List<RunStatus> order = List.of(RunStatus.BUDGET_REACHED, RunStatus.FAILED, RunStatus.INTERRUPTED);
        for (RunStatus s : order) {
            if (a == s || b == s) {
                return s;
            }
        }
        return a == RunStatus.COMPLETED && b == RunStatus.COMPLETED ? RunStatus.COMPLETED : RunStatus.INTERRUPTED;
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what a {@link SweepRunner} needs. */
    public static final class Builder {
        private Workspace workspace;
        private SweepPlan plan;
        private SweepData data;
        private Integer parallelRuns;
        private RunListener listener;
        private Consumer<CellOutcome> onCellEnd;
        private Consumer<SweepCell> onCellStart;

        public Builder workspace(Workspace value) {
            workspace = value;
            return this;
        }

        public Builder plan(SweepPlan value) {
            plan = value;
            return this;
        }

        public Builder data(SweepData value) {
            data = value;
            return this;
        }

        /** Runs in flight at once; overrides the sweep file's {@code parallel_runs}. */
        public Builder parallelRuns(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallel runs must be at least 1, got " + value);
            }
            parallelRuns = value;
            return this;
        }

        /** Receives the runs' events (steps, warnings). */
        public Builder listener(RunListener value) {
            listener = value;
            return this;
        }

        /** Called as each run ends, from the thread that ran it. */
        public Builder onCellEnd(Consumer<CellOutcome> value) {
            onCellEnd = value;
            return this;
        }

        /** Called as each run starts or resumes (not for a run kept from an earlier attempt), from its thread. */
        public Builder onCellStart(Consumer<SweepCell> value) {
            onCellStart = value;
            return this;
        }

        public SweepRunner build() {
            return new SweepRunner(this);
        }
    }
}
