package io.llmopt.sim;

import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

/**
 * When to inject a {@link Fault}. Rules are checked in the order they were added; the first that
 * fires decides the fault of a request.
 *
 * <p>Request numbers count chat-completions requests from 1 since the server started, so
 * {@code first(2, ...)} hits requests 1 and 2 and {@code everyNth(3, ...)} hits 3, 6, 9, ...
 */
public final class FaultRule {

    /** The condition of a rule: a function of the parsed request and its number. */
    @FunctionalInterface
    interface Trigger {
        boolean fires(SimRequest request, long requestNumber);
    }

    private final Fault fault;
    private final Trigger trigger;
    private final String description;

    private FaultRule(Fault fault, Trigger trigger, String description) {
        this.fault = Objects.requireNonNull(fault, "fault");
        this.trigger = trigger;
        this.description = description;
    }

    /** Every request gets the fault. */
    public static FaultRule always(Fault fault) {
        return new FaultRule(fault, (r, i) -> true, "always " + fault);
    }

    /** The first {@code count} requests get the fault; later ones are served normally. */
    public static FaultRule first(int count, Fault fault) {
        requirePositive(count, "count");
        return new FaultRule(fault, (r, i) -> i <= count, fault + " for the first " + count);
    }

    /** Every {@code period}-th request (the {@code period}-th, the {@code 2*period}-th, ...) gets the fault. */
    public static FaultRule everyNth(int period, Fault fault) {
        requirePositive(period, "period");
        return new FaultRule(fault, (r, i) -> i % period == 0, fault + " every " + period + "th");
    }

    /**
     * Each request gets the fault with probability {@code rate}, drawn from a generator seeded with
     * {@code seed}: the same sequence of requests sees the same faults on every run. (Requests
     * arriving concurrently draw in arrival order, which the client controls.)
     */
    public static FaultRule atRate(double rate, long seed, Fault fault) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
        }
        Random random = new Random(seed);
        Trigger trigger = (r, i) -> {
            synchronized (random) {
                return random.nextDouble() < rate;
            }
        };
        return new FaultRule(fault, trigger, fault + " at rate " + rate + " (seed " + seed + ")");
    }

    /** Requests matching {@code predicate} get the fault. */
    public static FaultRule when(Predicate<SimRequest> predicate, Fault fault) {
        Objects.requireNonNull(predicate, "predicate");
        return new FaultRule(fault, (r, i) -> predicate.test(r), fault + " when a predicate holds");
    }

    public Fault fault() {
        return fault;
    }

    boolean fires(SimRequest request, long requestNumber) {
        return trigger.fires(request, requestNumber);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
