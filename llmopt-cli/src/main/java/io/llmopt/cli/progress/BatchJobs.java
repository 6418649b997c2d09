package io.llmopt.cli.progress;

import io.llmopt.core.events.RunEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The batch jobs a display follows, from the run's {@code batch.*} events: which are live with the
 * provider's latest counts, and the money saved by those that ended. The events' messages already
 * name each job; this keeps what the live line shows between them.
 */
final class BatchJobs {

    static final String SUBMITTED = "batch.submitted";
    static final String PROGRESS = "batch.progress";
    static final String ENDED = "batch.ended";

    private record Counts(int done, int total) {
    }

    private final Map<String, Counts> live = new LinkedHashMap<>();
    private double saved;

    static boolean isBatch(RunEvent e) {
        return e.type().startsWith("batch.");
    }

    /** Takes in a {@code batch.*} event; true when it is one a display prints as a line of its own. */
    boolean take(RunEvent e) {
        String id = String.valueOf(e.data().get("batch_id"));
        switch (e.type()) {
            case SUBMITTED -> live.put(id, new Counts(0, number(e, "requests")));
            case PROGRESS -> live.put(id, new Counts(number(e, "completed") + number(e, "failed"), number(e, "requests")));
            case ENDED -> {
                live.remove(id);
                if (e.data().get("saved") instanceof Number n) {
                    saved += n.doubleValue();
                }
            }
            default -> {
                return true;
            }
        }
        return !PROGRESS.equals(e.type());
    }

    /** "batch batch_1a2b 1,200/2,088" for the live jobs (the first and how many more), or null when none is live. */
    String liveField() {
        if (live.isEmpty()) {
            return null;
        }
        Map.Entry<String, Counts> first = live.entrySet().iterator().next();
        return String.format(Locale.ROOT, "batch %s %,d/%,d%s", first.getKey(), first.getValue().done(),
                first.getValue().total(), live.size() > 1 ? " +" + (live.size() - 1) + " more" : "");
    }

    /** "saved $0.1234" once a job has ended, else null. */
    String savedField() {
        return saved > 0 ? String.format(Locale.ROOT, "saved $%.4f", saved) : null;
    }

    private static int number(RunEvent e, String key) {
        return e.data().get(key) instanceof Number n ? n.intValue() : 0;
    }
}
