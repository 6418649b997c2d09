package io.llmopt.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link SimulatedLlmServer} standalone until interrupted (Ctrl-C), for dry runs of the
 * toolkit against a fake endpoint. Prints the base URL at start and the request counts at shutdown.
 *
 * <pre>
 * java io.llmopt.sim.SimulatedLlmMain [--port N] [--latency-ms N] [--capacity N]
 *      [--model NAME] [--api-key KEY] [--ignore-n] [--seed fixed|honoured|ignored]
 *      [--reject-field FIELD]... [--rules FILE.json]
 * </pre>
 */
public final class SimulatedLlmMain {

    static final String USAGE = """
            usage: llmopt-sim [options]
              --port N         port on 127.0.0.1 (default: an ephemeral port)
              --latency-ms N   latency of every chat completion (default 0)
              --capacity N     completions processed at once, the rest queue (default: unlimited)
              --model NAME     model named in replies and listed by /v1/models (default sim-model)
              --api-key KEY    require 'Authorization: Bearer KEY'
              --ignore-n       always return one choice, like servers without n support
              --seed MODE      fixed (replies never vary, default), honoured (a random word ends each
                               reply, fixed by the request's seed) or ignored (random whatever the seed)
              --reject-field F refuse requests carrying body field F with a 400 naming it (repeatable)
              --rules FILE     JSON reply rules: {"rules": [{"match": REGEX, "reply": TEXT}], "default": TEXT}
            """;

    private SimulatedLlmMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatedLlmServer server;
        try {
            server = launch(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("llmopt-sim: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (server == null) {
            System.out.print(USAGE);
            return;
        }
        System.out.println("Simulated LLM server listening at " + server.baseUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printSummary(server, System.out);
            server.close();
        }, "llmopt-sim-shutdown"));
        new CountDownLatch(1).await();
    }

    /**
     * Starts a server configured by command-line {@code args}; null when they ask for help.
     *
     * @throws IllegalArgumentException for unknown options or bad values
     * @throws IOException              when the rules file cannot be read
     */
    public static SimulatedLlmServer launch(String... args) throws IOException {
        int port = 0;
        long latencyMs = 0;
        int capacity = 0;
        String model = null;
        String apiKey = null;
        boolean ignoreN = false;
        SeedBehaviour seed = SeedBehaviour.FIXED;
        java.util.List<String> rejected = new java.util.ArrayList<>();
        Path rules = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--port" -> port = intValue(arg, value(args, ++i, arg));
                case "--latency-ms" -> latencyMs = intValue(arg, value(args, ++i, arg));
                case "--capacity" -> capacity = intValue(arg, value(args, ++i, arg));
                case "--model" -> model = value(args, ++i, arg);
                case "--api-key" -> apiKey = value(args, ++i, arg);
                case "--ignore-n" -> ignoreN = true;
                case "--seed" -> seed = SeedBehaviour.parse(value(args, ++i, arg));
                case "--reject-field" -> rejected.add(value(args, ++i, arg));
                case "--rules" -> rules = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        SimulatedLlmServer server = SimulatedLlmServer.start(port);
        try {
            server.latency(Duration.ofMillis(latencyMs)).capacity(capacity).ignoreN(ignoreN).requireApiKey(apiKey)
                    .seedBehaviour(seed).rejectFields(rejected.toArray(String[]::new));
            if (model != null) {
                server.defaultModel(model);
            }
            if (rules != null) {
                ReplyRulesFile.apply(rules, server);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The shutdown report: how much traffic the server saw. */
    static void printSummary(SimulatedLlmServer server, PrintStream out) {
        SimStats stats = server.stats();
        out.println("Simulated LLM server at " + server.baseUrl() + " served " + stats.totalRequests()
                + " requests (" + server.chatRequests().size() + " chat completions, max concurrency "
                + stats.maxConcurrency() + ", " + stats.promptTokens() + " prompt + " + stats.completionTokens() + " completion tokens)" + (server.faultCounts().isEmpty() ? "" : ", faults " + server.faultCounts()));
        out.flush();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }


    private static int intValue(String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v < 0) {
                throw new IllegalArgumentException(option + " cannot be negative: " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
