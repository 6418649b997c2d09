package io.llmopt.core.outage;

import java.time.Duration;

/**
 * An endpoint stopped answering ({@link Type#DOWN}) or answers again ({@link Type#UP}). Each
 * outage of a model produces one of each, however many calls were waiting.
 *
 * @param type      down or up
 * @param modelName the model's name in the configuration ({@code models.NAME})
 * @param endpoint  the base URL (or pool description)
 * @param model     the model name sent to the server
 * @param reason    for DOWN, the failure that showed it (one line); for UP, empty
 * @param maxOutage how long calls wait before failing
 * @param duration  for UP, how long the endpoint was down; for DOWN, zero
 */
public record OutageEvent(Type type, String modelName, String endpoint, String model, String reason,
        Duration maxOutage, Duration duration) {

    /** Which way the endpoint went. */
    public enum Type { DOWN, UP }

    /** The line shown to the user and kept in the run's event log. */
    public String message() {
        if (type == Type.DOWN) {
            return "endpoint " + endpoint + " (model " + model + ") is not answering: " + reason + "; waiting up to "
                    + Durations.human(maxOutage) + ", the run continues when it is back; Ctrl-C stops and keeps everything";
        }
        return "endpoint " + endpoint + " (model " + model + ") answers again after " + Durations.human(duration)
                + "; the run continues";
    }
}
