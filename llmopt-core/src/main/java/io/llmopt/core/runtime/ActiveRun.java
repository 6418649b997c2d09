package io.llmopt.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.Usage;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.config.BudgetConfig;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageEvent;
import io.llmopt.core.stack.CallGroup;
import io.llmopt.core.stack.ModelStack;
import io.llmopt.core.stack.SharedLayers;
import io.llmopt.core.store.EventLevel;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunLease;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run being executed (started or resumed): its id, directory and store, its models by role, its
 * usage, progress and events, and the stop flag that Ctrl-C or the dashboard sets.
 *
 * <p>Each role's model is a {@link ModelStack}: accounting (per role, logged to this run's call
 * log) and budget over the model's {@link SharedLayers}, which the workspace builds once per model.
 *
 * <p>When a model's endpoint stops answering, the run records one {@code endpoint.down} event and,
 * when it is back, one {@code endpoint.up}; calls wait meanwhile (see
 * {@link io.llmopt.core.outage.OutageTolerantLanguageModel}). A stop fails the waiting calls at once,
 * so the run stops at its next safe point without waiting for the outage to end.
 */
public final class ActiveRun implements AutoCloseable {

    /** How often {@link #stopRequested()} looks in the store for a stop asked by another process. */
    static final Duration STOP_POLL_INTERVAL = Duration.ofSeconds(1);

    private final Workspace workspace;
    private final RunRecord record;
    private final Path directory;
    private final UsageLedger ledger = new UsageLedger();
    private final Budget budget;
    private final Map<String, LanguageModel> models = new ConcurrentHashMap<>();
    private final Set<String> modelNames = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Instant started = Instant.now();
    /** Stop requests recorded before this start (e.g. the one that stopped the previous attempt) do not count. */
    private final long stopRequestsAfterEvent;
    private final long stopPollNanos;
    private final AtomicLong lastStopPoll = new AtomicLong(System.nanoTime());
    private final CallGroup calls;
    private final RunLease lease;
    private volatile boolean finished;

    ActiveRun(Workspace workspace, RunRecord record, Path directory) {
        this(workspace, record, directory, STOP_POLL_INTERVAL);
    }

    ActiveRun(Workspace workspace, RunRecord record, Path directory, Duration stopPollInterval) {
        this.workspace = workspace;
        this.record = record;
        this.directory = directory;
        this.stopPollNanos = stopPollInterval.toNanos();
        BudgetConfig b = workspace.config().settings().budget();
        this.budget = new Budget(b.maxTokens(), b.maxCost());
        this.stopRequestsAfterEvent = workspace.store().lastEventId(record.id());
        this.calls = new CallGroup("run " + record.id());
        // before anything changes: a run another live process holds is refused here, untouched
        this.lease = workspace.store().acquireLease(RunLease.forThisProcess(record.id()), workspace.leaseStaleAfter());
        try {
            workspace.store().updateStatus(record.id(), RunStatus.RUNNING);
        } catch (RuntimeException e) {
            releaseLease();
            throw e;
        }
        workspace.register(this);
    }

    public String id() {
        return record.id();
    }

    public RunRecord record() {
        return record;
    }

    public RunStore store() {
        return workspace.store();
    }

    /** The run's folder (config.json, report, charts). */
    public Path directory() {
        return directory;
    }

    /**
     * The model playing {@code role} in this run.
     *
     * @throws ConfigException when no model is configured for the role
     */
    public LanguageModel model(String role) {
        return models.computeIfAbsent(role, this::buildRoleModel);
    }

    private LanguageModel buildRoleModel(String role) {
        String modelName = workspace.config().settings().roles().modelFor(role).orElseThrow(() -> new ConfigException(
                "no model is configured for the " + role + " role: pass --" + role + " MODEL (e.g. --" + role
                        + " openai:gpt-4o-mini) or --model MODEL, or set roles." + role + " in the configuration file"));
        SharedLayers layers = workspace.shared(modelName);
        modelNames.add(modelName);
        return ModelStack.builder(role, layers).ledger(ledger).budget(budget).prices(workspace.prices())
                .callListener(store().callLog(id())).callGroup(calls).build();
    }

    /** Calls, tokens and cost of this run (since it was started or resumed in this process). */
    public UsageSnapshot usage() {
        return ledger.snapshot();
    }

    /**
     * True once a stop was asked for, here ({@link #requestStop()}, Ctrl-C) or by another process
     * through the store ({@link RunStore#requestStop}): loops finish their unit of work and return.
     * Loops call this often, so the store is asked at most once per poll interval.
     */
    public boolean stopRequested() {
        if (stop.get()) {
            return true;
        }
        long now = System.nanoTime();
        long last = lastStopPoll.get();
        if (now - last >= stopPollNanos && lastStopPoll.compareAndSet(last, now)
                && store().stopRequestedAfter(id(), stopRequestsAfterEvent)) {
            requestStop();
        }
        return stop.get();
    }

    /**
     * Stops the run at once: every call of this run in flight fails as cancelled, whatever it was
     * waiting for (an answer, a retry's back-off, an endpoint's outage), and so does every later
     * call, so the loops reach their safe point within moments. Other runs are not touched.
     */
    public void requestStop() {
        stop.set(true);
        calls.cancelAll();
        workspace.stopping(this);
    }

    /** The lease this run holds in the store: who runs it, since when. */
    public RunLease lease() {
        return lease;
    }

    /** Renews the lease; a lease another process took over (this one looked dead) stops the run. */
    void heartbeat() {
        if (finished || store().renewLease(id(), lease.owner())) {
            return;
        }
        event(RunEvent.Level.WARN, "run.lease_lost", "run " + id() + " was taken over by another process"
                + " (its lease was not renewed for " + workspace.leaseStaleAfter().toSeconds() + " s); stopping here",
                Map.of());
        requestStop();
    }

    /** True when one of this run's roles is played by the configured model {@code modelName}. */
    boolean uses(String modelName) {
        return modelNames.contains(modelName);
    }

    /** Turns an endpoint going down or coming back into a run event (stored and shown). */
    void outage(OutageEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", e.modelName());
        data.put("endpoint", e.endpoint());
        if (e.type() == OutageEvent.Type.DOWN) {
            data.put("max_outage_seconds", e.maxOutage().toSeconds());
            event(RunEvent.Level.WARN, "endpoint.down", e.message(), data);
        } else {
            data.put("outage_seconds", e.duration().toMillis() / 1000.0);
            // a warning too: whoever saw the run held up must see it continue, at any verbosity
            event(RunEvent.Level.WARN, "endpoint.up", e.message(), data);
        }
    }

    /** Builds the progress snapshot (filling in usage) and shows it to the workspace's listener. */
    public Progress progress(String phase, int step, int totalSteps, long unitsDone, long unitsTotal,
            OptionalDouble best, int bestStep) {
        Progress p = snapshot(phase, step, totalSteps, unitsDone, unitsTotal, best, bestStep);
        workspace.listener().onProgress(p);
        return p;
    }

    /** The progress snapshot with this run's calls, tokens, cost and elapsed time; shown to no one. */
    private Progress snapshot(String phase, int step, int totalSteps, long unitsDone, long unitsTotal,
            OptionalDouble best, int bestStep) {
        Usage total = ledger.snapshot().total();
        return new Progress(id(), phase, step, totalSteps, unitsDone, unitsTotal, best, bestStep,
                total.calls(), total.cacheHits(), total.totalTokens(), total.cost(), workspace.retriedErrors(),
                Duration.between(started, Instant.now()));
    }

    /** Records an event in the store's event log and shows it to the listener. */
    public void event(RunEvent.Level level, String type, String message, Map<String, Object> data) {
        RunEvent e = new RunEvent(Instant.now(), id(), level, type, message, data);
        store().recordEvent(new EventRecord(id(), e.time(), EventLevel.valueOf(level.name()), type, message, RunContext.json(e.data())));
        workspace.listener().onEvent(e);
    }

    /**
     * This run as the methods see it: events are stored and shown, progress gets this run's calls,
     * tokens and cost, the stop flag is this run's, and the models are this run's roles.
     */
    public RunContext context() {
        RunListener toRun = new RunListener() {
            @Override
            public void onEvent(RunEvent e) {
                workspace.listener().onEvent(e);
            }

            @Override
            public void onProgress(Progress p) {
                // a method's own snapshot (a pipeline's): shown with this run's usage filled in
                workspace.listener().onProgress(snapshot(p.phase(), p.step(), p.totalSteps(), p.unitsDone(),
                        p.unitsTotal(), p.bestScore(), p.bestFoundAtStep()));
            }
        };
        return new RunContext(id(), store(), toRun, this::stopRequested, this::snapshot, this::model);
    }

    /** Shows an event to the listener without keeping it (a batch job's counts at each poll). */
    public void show(RunEvent.Level level, String type, String message, Map<String, Object> data) {
        workspace.listener().onEvent(new RunEvent(Instant.now(), id(), level, type, message, data));
    }

    /** Ends the run: stores the summary and the status, and waits until everything is saved. */
    public void finish(RunStatus status, JsonNode summary) {
        finished = true;
        if (summary != null) {
            store().updateSummary(id(), summary);
        }
        store().updateStatus(id(), status);
        event(status == RunStatus.COMPLETED ? RunEvent.Level.INFO : RunEvent.Level.WARN, "run.finished",
                "run " + id() + " " + status.wireName(), Map.of("status", status.wireName()));
        store().flush();
    }

    /**
     * Saves what is queued and gives the lease up; the shared model layers stay open for the
     * workspace's other runs. A run closed without {@link #finish} ended abnormally (an exception or
     * an {@link Error} escaped its loop): it is recorded {@code interrupted} when it was asked to
     * stop, else {@code failed}, never left {@code running}.
     */
    @Override
    public void close() {
        workspace.unregister(this);
        try {
            if (!finished) {
                finished = true;
                RunStatus status = stop.get() ? RunStatus.INTERRUPTED : RunStatus.FAILED;
                store().updateStatus(id(), status);
                event(RunEvent.Level.WARN, "run.finished", "run " + id() + " " + status.wireName()
                        + " (it ended without finishing)", Map.of("status", status.wireName()));
            }
            store().flush();
        } finally {
            releaseLease();
        }
    }

    /**
     * The last thing a process halted by a second Ctrl-C does: records the run as interrupted (the
     * caller bounds the wait); the lease is left behind and is stale as soon as the process is gone.
     */
    public void interruptNow() {
        finished = true;
        stop.set(true);
        store().updateStatus(id(), RunStatus.INTERRUPTED);
    }

    private void releaseLease() {
        try {
            store().releaseLease(id(), lease.owner());
        } catch (RuntimeException e) {
            // the store cannot be written: the lease goes stale on its own
        }
    }
}
