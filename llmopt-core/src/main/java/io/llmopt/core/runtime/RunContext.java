package io.llmopt.core.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.EventLevel;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The run a method's loop is part of: its id, its store, whom it tells (events and progress), the
 * flag that asks it to stop, and its models by role. Every method (a prompt optimization, a
 * numeric optimization, a pipeline) takes one, so the same loop runs under the CLI's run life cycle
 * ({@link ActiveRun#context()}, which adds calls, tokens and cost to progress and stops on Ctrl-C)
 * or in a library user's own code ({@link #of}, {@link #inMemory}).
 *
 * <p>The run's life cycle (created, resumed, finished) belongs to whoever made the context.
 */
public final class RunContext {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds the progress snapshot of a run from the loop's own counts (shows it to no one). */
    @FunctionalInterface
    interface ProgressMaker {
        Progress make(String phase, int step, int totalSteps, long unitsDone, long unitsTotal, OptionalDouble best,
                      int bestStep);
    }

    private final String runId;
    private final RunStore store;
    private final RunListener listener;
    private final BooleanSupplier stop;
    private final ProgressMaker progress;
    private final Function<String, LanguageModel> models;

    RunContext(String runId, RunStore store, RunListener listener, BooleanSupplier stop, ProgressMaker progress,
               Function<String, LanguageModel> models) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.store = store;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.stop = stop == null ? () -> false : stop;
        this.progress = progress != null ? progress : basicProgress(runId);
        this.models = models != null ? models : RunContext::noModel;
    }

    /**
     * Run {@code runId} of {@code store} (created by the caller, e.g. with {@link RunStore#createRun}),
     * without listener, models or stop flag.
     */
    public static RunContext of(RunStore store, String runId) {
        return new RunContext(runId, Objects.requireNonNull(store, "store"), null, null, null, null);
    }

    /** A run that records nothing and cannot be resumed; the id only labels its events and progress. */
    public static RunContext inMemory(String runId) {
        return new RunContext(runId, null, null, null, null, null);
    }

    public String runId() {
        return runId;
    }

    /** True when the run has a store (it records its work and can be resumed). */
    public boolean persistent() {
        return store != null;
    }

    /**
     * The store receiving the run's work.
     *
     * @throws IllegalStateException for an {@linkplain #inMemory in-memory} run
     */
    public RunStore store() {
        if (store == null) {
            throw new IllegalStateException("run " + runId + " is in memory: it has no store");
        }
        return store;
    }

    /** Receives what the run shows (events, progress); quick and thread-safe. */
    public RunListener listener() {
        return listener;
    }

    /** Polled at safe points: once true, no new unit of work starts and the loop returns. */
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    /**
     * The model playing {@code role} in this run.
     *
     * @throws ConfigException when the run has no model for the role
     */
    public LanguageModel model(String role) {
        return models.apply(role);
    }

    /** Builds a progress snapshot from the loop's counts and shows it. */
    public Progress progress(String phase, int step, int totalSteps, long unitsDone, long unitsTotal,
                             OptionalDouble best, int bestStep) {
        Progress p = progress.make(phase, step, totalSteps, unitsDone, unitsTotal, best, bestStep);
        listener.onProgress(p);
        return p;
    }

    /** Records {@code event} in the run's event log (when it has a store) and shows it. */
    public void event(RunEvent event) {
        if (store != null) {
            store.recordEvent(new EventRecord(runId, event.time(), EventLevel.valueOf(event.level().name()),
                    event.type(), event.message(), json(event.data())));
        }
        listener.onEvent(event);
    }

    /** The same run, telling {@code value} instead (progress keeps this run's figures). */
    public RunContext withListener(RunListener value) {
        return new RunContext(runId, store, value, stop, progress, models);
    }

    /** The same run, stopping once {@code value} says so. */
    public RunContext withStop(BooleanSupplier value) {
        return new RunContext(runId, store, listener, value, progress, models);
    }

    /** The same run, with {@code value} giving the model of a role. */
    public RunContext withModels(Function<String, LanguageModel> value) {
        return new RunContext(runId, store, listener, stop, progress, value);
    }

    /** Progress with the elapsed time since the context was made and no call or cost figures. */
    private static ProgressMaker basicProgress(String runId) {
        long start = System.nanoTime();
        return (phase, step, totalSteps, unitsDone, unitsTotal, best, bestStep) -> new Progress(runId, phase, step,
                totalSteps, unitsDone, unitsTotal, best, bestStep, 0, 0, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static LanguageModel noModel(String role) {
        throw new ConfigException("no model is given for the " + role + " role of this run");
    }

    /** The stored form of an event's data: null when it has none, as the event log keeps it. */
    static String json(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
