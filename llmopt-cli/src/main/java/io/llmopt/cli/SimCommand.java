package io.llmopt.cli;

import io.llmopt.sim.ReplyRulesFile;
import io.llmopt.sim.SeedBehaviour;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code llmopt sim}: the simulated OpenAI-compatible server, standalone, so a configuration can be
 * dry-run against it (point a model at {@code openai-compatible:http://127.0.0.1:PORT/v1#sim-model}).
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a simulated OpenAI-compatible LLM server on 127.0.0.1 until Ctrl-C, then prints how many calls it served.",
            "Serves /v1/chat/completions, /v1/completions (raw prompts), /v1/models, /v1/files, /v1/batches and"
                    + " /v1/fine_tuning/jobs; every request is kept with its sampling fields.",
            "Replies are scripted: by default an echo, or regex rules from --rules FILE."
        },
        footer = {"", "Examples:",
            "  llmopt sim --port 8000 --latency-ms 100 --capacity 64",
            "  llmopt sim --rules replies.json     # {\"rules\":[{\"match\":\"REGEX\",\"reply\":\"TEXT\"}],\"default\":\"TEXT\"}"})
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--latency-ms", description = "Latency of every chat completion, in ms (default 0).")
    long latencyMs;

    @Option(names = "--capacity", description = "Completions processed at once; the rest queue (default: unlimited).")
    int capacity;

    @Option(names = "--model", description = "Model name in replies and /v1/models (default sim-model).")
    String model;

    @Option(names = "--ignore-n", description = "Always return one choice, like servers without n support.")
    boolean ignoreN;

    @Option(names = "--seed", paramLabel = "MODE", defaultValue = "fixed",
            description = "How replies follow a request's seed, to try the capability probe: fixed (replies never vary;"
                    + " default), honoured (a random word ends each reply, fixed by the seed) or ignored (random whatever the seed).")
    String seed;

    @Option(names = "--reject-field", paramLabel = "FIELD",
            description = "Refuse requests carrying body field FIELD with a 400 naming it, like a server without it (repeatable).")
    List<String> rejectFields = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE", description = "JSON reply rules.")
    Path rules;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Require 'Authorization: Bearer <value of VAR>' (keys never go on the command line).")
    String apiKeyEnv;

    @Override
    public Integer call() throws Exception {
        if (latencyMs < 0 || capacity < 0) {
            throw new IllegalArgumentException("--latency-ms and --capacity cannot be negative");
        }
        String key = null;
        if (apiKeyEnv != null) {
            key = System.getenv(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--api-key-env: environment variable " + apiKeyEnv + " is not set");
            }
        }
        SeedBehaviour seeds = SeedBehaviour.parse(seed);
        SimulatedLlmServer server = SimulatedLlmServer.start(port);
        server.latency(Duration.ofMillis(latencyMs)).capacity(capacity).ignoreN(ignoreN).requireApiKey(key)
                .seedBehaviour(seeds).rejectFields(rejectFields.toArray(String[]::new));
        if (model != null) {
            server.defaultModel(model);
        }
        if (rules != null) {
            ReplyRulesFile.apply(rules, server);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Simulated LLM server listening at " + server.baseUrl() + " (Ctrl-C to stop)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var stats = server.stats();
            out.println("served " + stats.totalRequests() + " requests (" + server.chatRequests().size()
                    + " chat completions, max concurrency " + stats.maxConcurrency() + ", "
                    + stats.promptTokens() + " prompt + " + stats.completionTokens() + " completion tokens)");
            out.flush();
            server.close();
            stopped.countDown();
        }, "llmopt-sim-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

}
