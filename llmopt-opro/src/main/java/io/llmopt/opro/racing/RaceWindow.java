package io.llmopt.opro.racing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The step's in-flight budget, shared by the candidates still running. Each may keep
 * {@code ceil(maxInFlight / running)} calls in flight, so the scorer stays busy without calls
 * queueing beyond what it can run: a call of a candidate that is then dropped is paid for all the
 * same. As candidates leave, the others' share grows, but to at most {@link #MAX_GROWTH} times the
 * share they started with: the last candidates running are the ones near the bar, and a drop late
 * in their race would waste their whole share. In {@code RacingBenchmark} letting shares grow
 * without limit cost 4% more calls for 21% fewer rounds; not growing at all, 4% fewer calls for
 * 57% more rounds.
 *
 * <p>A candidate also runs at most {@link #RUN_AHEAD} shares ahead of the results its test has
 * seen: results are looked at in the racing order, so one slow call (a retry, say) would
 * otherwise let the candidate run on unchecked.
 */
final class RaceWindow {

    /** How far a candidate's share may grow as others leave. */
    static final int MAX_GROWTH = 2;
    /** How many shares a candidate may run ahead of the first result still missing. */
    static final int RUN_AHEAD = 4;

    private final int maxInFlight;
    private final int fewestSharers;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean aborted = new AtomicBoolean();

    /**
     * @param maxInFlight calls the whole step may have in flight
     * @param candidates  how many candidates race
     */
    RaceWindow(int maxInFlight, int candidates) {
        this.maxInFlight = maxInFlight;
        this.fewestSharers = Math.max(1, (candidates + MAX_GROWTH - 1) / MAX_GROWTH);
    }

    void enter() {
        running.incrementAndGet();
    }

    /** Called once a candidate is decided and none of its calls is in flight any more. */
    void leave() {
        running.decrementAndGet();
    }

    /** A candidate's share: calls it may have in flight. */
    int perCandidate() {
        long sharers = Math.max(fewestSharers, running.get());
        return (int) Math.max(1, (maxInFlight + sharers - 1) / sharers);
    }

    /** How far past its observed results a candidate may have issued calls. */
    long runAhead() {
        return (long) RUN_AHEAD * perCandidate();
    }

    /** After a failed call: no candidate starts another one. */
    void abort() {
        aborted.set(true);
    }

    boolean aborted() {
        return aborted.get();
    }
}
