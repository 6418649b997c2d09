package io.llmopt.core.concurrent;

/**
 * A monotonic time source in nanoseconds. Rate limiters and cool-downs read time through this so
 * tests can move time forward by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    long nanos();

    Ticker SYSTEM = System::nanoTime;
}
