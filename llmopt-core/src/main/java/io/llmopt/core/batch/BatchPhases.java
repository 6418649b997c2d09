package io.llmopt.core.batch;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which phases of a run send their calls through batch jobs, and which phase the run is in: the
 * runtime switch of the batching layer. A loop names its phases ({@link #enter}) and knows nothing
 * of batches; the batching layer asks {@link #batching()} for each call and sends the calls of
 * other phases live. A phase's name is the loop's own (OPRO's final test is "test"); this class
 * only compares names.
 *
 * <p>Every phase is batched by {@link #all()}; {@link #only} batches the phases named. A run
 * starts in no named phase ({@link #NONE}), which only {@link #all()} batches.
 */
public final class BatchPhases {

    /** The phase a run is in before its loop names one. */
    public static final String NONE = "";

    private final Set<String> batched;
    private final boolean everyPhase;
    private volatile String current = NONE;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private BatchPhases(Set<String> batched, boolean everyPhase) {
        this.batched = Set.copyOf(batched);
        this.everyPhase = everyPhase;
    }

    /** Every call of every phase goes through batch jobs. */
    public static BatchPhases all() {
        return new BatchPhases(Set.of(), true);
    }

    /** Only the calls made while the run is in one of {@code phases} go through batch jobs. */
    public static BatchPhases only(Set<String> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("name at least one phase to batch");
        }
        return new BatchPhases(phases, false);
    }

    /** The run enters {@code phase}: calls made from now on are batched if the phase is. */
    public void enter(String phase) {
        current = Objects.requireNonNull(phase, "phase");
        listeners.forEach(l -> l.accept(phase));
    }

    /** Told of each phase entered, on the thread that enters it, before any of its calls is made. */
    public void onEnter(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True when calls made now go through batch jobs. */
    public boolean batching() {
        return everyPhase || batched.contains(current);
    }

    /** True when the calls of {@code phase} go through batch jobs. */
    public boolean batches(String phase) {
        return everyPhase || batched.contains(phase);
    }

    public boolean everyPhase() {
        return everyPhase;
    }

    public String phase() {
        return current;
    }

    @Override
    public String toString() {
        return everyPhase ? "all" : String.join(",", batched.stream().sorted().toList());
    }
}
