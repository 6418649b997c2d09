package io.llmopt.testkit;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run listener that keeps every event and progress snapshot, in order, for a test to assert on. */
public final class RecordingListener implements RunListener {

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent event) {
        events.add(event);
    }

    @Override
    public void onProgress(Progress snapshot) {
        progress.add(snapshot);
    }

    /** Every event so far; a live view, safe to read while the run goes on. */
    public List<RunEvent> events() {
        return events;
    }

    /** The events of one type ("step.finished", ...). */
    public List<RunEvent> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Every progress snapshot so far; a live view. */
    public List<Progress> progress() {
        return progress;
    }
}
