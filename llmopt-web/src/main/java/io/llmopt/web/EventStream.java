package io.llmopt.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves one page's server-sent events until the page goes away or the server stops, with a
 * comment line every so often so a dead connection is noticed and proxies keep it open.
 */
final class EventStream {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private EventStream() {
    }

    static void serve(WebExchange ex, LiveUpdates live, String runId) throws IOException {
        LiveUpdates.Subscription sub = live.subscribe(runId);
        try (OutputStream out = ex.startStream("text/event-stream; charset=utf-8")) {
            write(out, "retry: 2000\n\n");
            while (true) {
                LiveUpdates.Message m = sub.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (m == LiveUpdates.CLOSED) {
                    return;
                }
                write(out, m == null ? ": keep-alive\n\n" : "event: " + m.event() + "\ndata: " + m.data() + "\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the page was closed: nothing to answer
        } finally {
            live.unsubscribe(sub);
            ex.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
