package io.llmopt.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard: an HTTP server over one run store, on the JDK's {@code com.sun.net.httpserver}
 * with a virtual thread per request, so each open page's event stream costs no platform thread.
 *
 * <pre>{@code
 * try (RunStore store = RunStore.open(path);
 *      DashboardServer server = DashboardServer.start(store, DashboardOptions.local(8080))) {
 *     System.out.println(server.url());
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>The store stays the caller's: closing the server does not close it.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DashboardServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final LiveUpdates live;
    private final DashboardOptions options;
    private final Object stopped = new Object();
    private volatile boolean closed;

    private DashboardServer(HttpServer server, ExecutorService executor, LiveUpdates live, DashboardOptions options) {
        this.server = server;
        this.executor = executor;
        this.live = live;
        this.options = options;
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static DashboardServer start(RunStore store, DashboardOptions options) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        LiveUpdates live = new LiveUpdates(store, options.pollInterval());
        AccessGuard guard = new AccessGuard(options);
        Router router = new Endpoints(store, new StaticAssets(), live, guard).router();
        server.createContext("/", exchange -> handle(exchange, guard, router));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new DashboardServer(server, executor, live, options);
    }

    private static void handle(HttpExchange exchange, AccessGuard guard, Router router) {
        WebExchange ex = new WebExchange(exchange);
        try {
            if (guard.admit(ex)) {
                router.dispatch(ex);
            }
        } catch (IOException e) {
            // the client went away mid-answer
            ex.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard request " + ex.method() + " " + ex.path() + " failed", e);
            try {
                if (!ex.sent()) {
                    ex.error(500, "internal error: " + e.getClass().getSimpleName());
                }
            } catch (IOException ignored) {
                // nothing more to tell a client that is gone
            } finally {
                ex.close();
            }
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open, without the token. */
    public URI url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Pages open on the server's event streams. */
    int liveSubscribers() {
        return live.subscriberCount();
    }

    /** Blocks until {@link #close()} is called (e.g. by a shutdown hook on Ctrl-C). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (!closed) {
                stopped.wait();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        live.close();
        server.stop(0);
        executor.shutdownNow();
        synchronized (stopped) {
            closed = true;
            stopped.notifyAll();
        }
    }
}
