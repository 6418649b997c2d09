package io.llmopt.core.events;

/**
 * Follows a run: the CLI's progress display, the dashboard and the store's event log are listeners.
 * Called from worker threads; implementations must be quick and thread-safe.
 */
public interface RunListener {

    default void onEvent(RunEvent event) {
    }

    default void onProgress(Progress progress) {
    }

    RunListener NONE = new RunListener() { };

    /** A listener that forwards to several, in order. */
    static RunListener of(RunListener... listeners) {
        return new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                for (RunListener l : listeners) {
                    l.onEvent(event);
                }
            }

            @Override
            public void onProgress(Progress progress) {
                for (RunListener l : listeners) {
                    l.onProgress(progress);
                }
            }
        };
    }
}
