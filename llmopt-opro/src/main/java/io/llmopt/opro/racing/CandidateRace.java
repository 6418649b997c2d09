package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One candidate's race: keeps up to its share of the step's calls in flight along the racing order,
 * feeds the results to its test strictly in that order (whatever order they arrive in, since the
 * guarantee needs a prefix of a random order), and stops calling once the test drops it.
 *
 * <p>Calls complete on arbitrary threads; each completion only queues its result and then drains
 * the queue, and at most one thread drains at a time, so the state below is confined to the
 * draining thread without locks, and a scorer that completes synchronously cannot recurse.
 */
final class CandidateRace {

    private record Arrival(int position, Boolean correct, Throwable failure) {
    }

    /** This candidate stopped because another one's call failed; the race reports that failure. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("stopped: another candidate's scorer call failed", null, false, false);
        }
    }

    private final String instruction;
    private final ExampleOrder order;
    private final RacingScorer scorer;
    private final BarCheck test;
    private final RaceWindow window;
    private final RaceListener listener;
    private final CompletableFuture<CandidateOutcome> done = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainRequests = new AtomicInteger();

    // Confined to the draining thread.
    private final Boolean[] byPosition;
    private final List<RacedExample> observed = new ArrayList<>();
    private int issued;
    private int inFlight;
    private OptionalInt droppedAfter = OptionalInt.empty();
    private Throwable failure;

    CandidateRace(String instruction, ExampleOrder order, RacingScorer scorer, BarCheck test, RaceWindow window,
                  RaceListener listener) {
        this.instruction = instruction;
        this.order = order;
        this.scorer = scorer;
        this.test = test;
        this.window = window;
        this.listener = listener;
        this.byPosition = new Boolean[order.size()];
    }

    /**
     * Starts the race (the caller has entered it into the window); completes when the candidate is
     * dropped or fully scored and none of its calls is in flight any more.
     */
    CompletableFuture<CandidateOutcome> start() {
        drain();
        return done;
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            Arrival arrival;
            while ((arrival = arrivals.poll()) != null) {
                inFlight--;
                if (arrival.failure() != null) {
                    failure = failure == null ? arrival.failure() : failure;
                } else {
                    byPosition[arrival.position()] = arrival.correct();
                }
            }
            advance();
            issueMore();
            if (decided() && inFlight == 0 && !done.isDone()) {
                // Only now: a dropped candidate's calls in flight still hold their share.
                window.leave();
                finish();
            }
            missed = drainRequests.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Feeds the test the results that now extend the observed prefix of the order. */
    private void advance() {
        int size = order.size();
        while (failure == null && droppedAfter.isEmpty() && observed.size() < size
                && byPosition[observed.size()] != null) {
            int position = observed.size();
            RacedExample result = new RacedExample(order.exampleAt(position), byPosition[position]);
            observed.add(result);
            test.observe(result.exampleIndex(), result.correct());
            // After the last example the accuracy is exact and is reported, never a drop.
            if (observed.size() < size && test.showsBelowBar(observed.size())) {
                droppedAfter = OptionalInt.of(observed.size());
                // No call starts once a candidate is decided, so what was not issued is saved for good.
                listener.dropped(instruction, size - issued);
            }
        }
    }

    private boolean decided() {
        return failure != null || window.aborted() || droppedAfter.isPresent() || observed.size() == order.size();
    }

    private void issueMore() {
        if (decided()) {
            return;
        }
        int limit = window.perCandidate();
        long runAhead = window.runAhead();
        while (issued < order.size() && inFlight < limit && issued - observed.size() < runAhead) {
            int position = issued++;
            inFlight++;
            call(position);
        }
    }

    private void call(int position) {
        int exampleIndex = order.exampleAt(position);
        CompletableFuture<Boolean> call;
        try {
            call = Objects.requireNonNull(scorer.score(instruction, exampleIndex),
                    "scorer returned no future for example " + exampleIndex);
        } catch (RuntimeException e) {
            // A scorer that throws instead of failing its future still fails only this race.
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((correct, error) -> {
            Throwable failed = error != null ? error
                    : correct == null ? new NullPointerException("scorer completed with null for example " + exampleIndex)
                    : null;
            arrivals.add(new Arrival(position, correct, failed));
            if (failed != null) {
                window.abort();
            }
            drain();
        });
    }

    private void finish() {
        if (failure != null) {
            done.completeExceptionally(failure);
        } else if (window.aborted() && droppedAfter.isEmpty() && observed.size() < order.size()) {
            done.completeExceptionally(new Aborted());
        } else {
            done.complete(new CandidateOutcome(instruction, droppedAfter, observed, issued));
        }
    }
}
