package io.llmopt.web;

import io.llmopt.core.store.RunActivity;
import io.llmopt.core.store.RunStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the store for the open pages. Runs are written by other processes, so there is nothing
 * to be told: one thread asks SQLite's data version every poll interval and, only when it moved,
 * reads the activity counters of the runs someone is watching and notifies those whose counters
 * changed. Watching a hundred tabs costs one tiny query a second while nothing happens.
 */
final class LiveUpdates implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class.getName());

    /** A message for one page: an SSE event name and its JSON data. */
    record Message(String event, String data) {
    }

    /** Tells a page's stream to end (the server is stopping). */
    static final Message CLOSED = new Message("closed", "{}");

    /** One open page: what it watches (a run id, or null for the run list) and its mailbox. */
    static final class Subscription {
        final String runId;
        final BlockingQueue<Message> queue = new LinkedBlockingQueue<>(64);
        /** What the page was last told about its run; touched by the poller thread only after subscribe. */
        volatile RunActivity lastSent;

        Subscription(String runId) {
            this.runId = runId;
        }

        void offer(Message m) {
            // a page that stopped reading loses old news, not the server's memory
            if (!queue.offer(m)) {
                queue.poll();
                queue.offer(m);
            }
        }
    }

    private final RunStore store;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private static final int FULL_CHECK_EVERY = 5;

    private volatile long lastVersion = Long.MIN_VALUE;
    private int quietTicks;

    LiveUpdates(RunStore store, Duration interval) {
        this.store = store;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmopt-web-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching a run (or the list, for null); the first message says what the run looks like now. */
    Subscription subscribe(String runId) {
        Subscription s = new Subscription(runId);
        subscriptions.add(s);
        if (runId != null) {
            activity(runId).ifPresent(a -> {
                s.lastSent = a;
                s.offer(new Message("activity", json(a)));
            });
        }
        return s;
    }

    void unsubscribe(Subscription s) {
        subscriptions.remove(s);
    }

    int subscriberCount() {
        return subscriptions.size();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // a busy or briefly locked store must not end the watching: try again next tick
            LOG.log(Level.FINE, "polling the run store failed", e);
        }
    }

    void poll() {
        if (subscriptions.isEmpty()) {
            return;
        }
        long version = store.dataVersion();
        // the data version is the cheap gate; every few seconds the counters are read anyway, as a
        // safety net should a change ever slip past it
        if (version == lastVersion && ++quietTicks < FULL_CHECK_EVERY) {
            return;
        }
        quietTicks = 0;
        Map<String, Optional<RunActivity>> now = new ConcurrentHashMap<>();
        for (Subscription s : subscriptions) {
            if (s.runId == null) {
                if (version != lastVersion) {
                    s.offer(new Message("runs", "{\"data_version\":" + version + "}"));
                }
                continue;
            }
            Optional<RunActivity> current = now.computeIfAbsent(s.runId, this::activity);
            if (current.isEmpty()) {
                s.offer(new Message("deleted", "{}"));
            } else if (!current.get().equals(s.lastSent)) {
                s.lastSent = current.get();
                s.offer(new Message("activity", json(current.get())));
            }
        }
        // only now: a poll that failed half-way is done again on the next tick
        lastVersion = version;
    }

    private Optional<RunActivity> activity(String runId) {
        return store.activity(runId);
    }

    private static String json(RunActivity a) {
        try {
            return WebExchange.JSON.writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (Subscription s : subscriptions) {
            s.offer(CLOSED);
        }
    }
}
