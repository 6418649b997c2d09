package io.llmopt.core.outage;

/**
 * Told when a model's endpoint goes down and comes back (the runs using it turn this into run
 * events). Called on a pool thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface OutageListener {

    void onOutage(OutageEvent event);

    OutageListener NONE = event -> { };
}
