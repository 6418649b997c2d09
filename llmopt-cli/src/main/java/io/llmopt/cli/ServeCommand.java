package io.llmopt.cli;

import io.llmopt.cli.runs.StoreOption;
import io.llmopt.core.store.RunStore;
import io.llmopt.web.AccessTokens;
import io.llmopt.web.DashboardOptions;
import io.llmopt.web.DashboardServer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt serve}: the live web dashboard over the run store, until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the web dashboard: the runs of the store, live while they run, with export and stop.",
            "Listens on 127.0.0.1 only unless --host is given; then an access token is required "
                + "(--token, else LLMOPT_WEB_TOKEN, else one is generated and printed here)."
        },
        footer = {"", "Examples:",
            "  llmopt serve                      # http://127.0.0.1:8080/",
            "  llmopt serve --port 9000 --store runs/llmopt.db",
            "  llmopt serve --host 0.0.0.0       # prints a link with a fresh token"})
final class ServeCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "LLMOPT_WEB_TOKEN";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--host", defaultValue = DashboardOptions.LOOPBACK,
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token (default: " + TOKEN_ENV + "; generated when the address is not loopback).")
    String token;

    @Override
    public Integer call() throws Exception {
        String accessToken = accessToken(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        try (RunStore runs = store.openExisting();
             DashboardServer server = DashboardServer.start(runs, new DashboardOptions(host, port, accessToken,
                     DashboardOptions.DEFAULT_POLL))) {
            out.println("llmopt dashboard for " + runs.file() + " (Ctrl-C to stop)");
            // the token is printed here, to the terminal that asked for it, and nowhere else
            out.println(accessToken == null ? server.url().toString() : server.url() + "?token=" + accessToken);
            out.flush();
            Thread shutdown = new Thread(server::close, "llmopt-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            try {
                server.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(shutdown);
            }
        }
        return ExitCodes.OK;
    }

    /** --token, else the environment, else a fresh one where other machines can connect; null on loopback. */
    String accessToken(Map<String, String> env) {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String fromEnv = env.get(TOKEN_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return DashboardOptions.isLoopback(host) ? null : AccessTokens.generate();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }
}
