package io.llmopt.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible HTTP server backed by an {@link InferenceEngine}: {@code GET /v1/models},
 * {@code POST /v1/chat/completions} (messages rendered by the chat template),
 * {@code POST /v1/completions} (a raw prompt, no template) and {@code POST /v1/embeddings}. Both
 * completion endpoints take the fields of {@link Sampling} and refuse any other with a 400.
 *
 * <p>{@link #main} is {@code llmopt model serve}: it resolves the model (downloading a catalogue
 * model on first use), loads it, serves until stopped, and then exits the JVM explicitly, which
 * a loaded model would otherwise keep alive.
 */
public final class LocalModelServer implements AutoCloseable {

    /** Exit status for bad arguments. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for a model that cannot be found, downloaded, or loaded. */
    public static final int EXIT_MODEL = 3;

    private final HttpServer http;
    private final ExecutorService executor;

    private LocalModelServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Serves {@code engine} on {@code host:port} (port 0 picks a free one). */
    public static LocalModelServer start(InferenceEngine engine, String host, int port, int parallel) throws IOException {
        Objects.requireNonNull(engine, "engine");
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        // Platform threads: a thread blocked in native generation pins its carrier, so virtual
        // threads would starve on a small machine. More threads than slots let extra requests
        // queue in llama.cpp, which then starts them the moment a slot frees up.
        ExecutorService executor = Executors.newFixedThreadPool(parallel * 2 + 2, r -> {
            Thread t = new Thread(r, "llmopt-local-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", new OpenAiHandler(engine, new OpenAiWire(new ObjectMapper())));
        http.start();
        return new LocalModelServer(http, executor);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8080/v1}. */
    public String baseUrl() {
        String host = http.getAddress().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1";
    }

    /** Stops accepting requests; the engine stays loaded (see {@link LlamaEngine}). */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    /** {@code llmopt model serve}; always ends by exiting the JVM. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the server until it is told to stop; returns the exit status. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        LocalServerOptions options;
        try {
            options = LocalServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("llmopt model serve: " + e.getMessage());
            return EXIT_USAGE;
        }
        LocalModelServer server;
        try {
            Path file = LocalModelResolver.standard(progress(err)).resolve(options.model());
            String name = options.name() != null ? options.name() : defaultName(options.model(), file);
            LlamaEngine engine = LlamaEngine.load(file, name, options.settings(), options.chatTemplate(), options.bos());
            server = start(engine, options.host(), options.port(), engine.settings().parallel());
            EngineSettings s = engine.settings();
            out.printf("llmopt local model %s ready at %s (%d slots x %d tokens, %d threads; chat template %s, "
                            + "bos %s; /v1/completions takes raw prompts)%n",
                    name, server.baseUrl(), s.parallel(), s.contextPerSlot(), s.threads(), engine.chatTemplate(),
                    engine.bosPolicy().wireName());
            out.flush();
        } catch (LocalModelException e) {
            err.println("llmopt model serve: " + e.getMessage());
            return EXIT_MODEL;
        } catch (IOException e) {
            err.println("llmopt model serve: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "llmopt-local-stop"));
        if (options.exitWithParent()) {
            Thread watcher = new Thread(() -> awaitEndOfInput(stdin, stop), "llmopt-parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return 0;
    }

    private static void awaitEndOfInput(InputStream stdin, CountDownLatch stop) {
        try {
            while (stdin.read() >= 0) {
                // the parent writes nothing; reading only detects that its end of the pipe closed
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file: the parent is gone
        }
        stop.countDown();
    }

    private static String defaultName(String reference, Path file) {
        if (!LocalModelResolver.isPath(reference)) {
            return reference.strip();
        }
        String fileName = file.getFileName().toString();
        return fileName.toLowerCase(Locale.ROOT).endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    private static ModelDownloadProgress progress(PrintStream err) {
        return (file, done, total) -> {
            long mb = done / 1_000_000;
            err.print(total > 0 ? "\rdownloading " + file + ": " + mb + " / " + total / 1_000_000 + " MB"
                    : "\rdownloading " + file + ": " + mb + " MB");
            if (total > 0 && done >= total) {
                err.println();
            }
            err.flush();
        };
    }
}
