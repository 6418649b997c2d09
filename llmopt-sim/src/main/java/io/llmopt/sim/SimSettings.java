package io.llmopt.sim;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The server's adjustable behaviour. Fields are volatile because tests change them from the test
 * thread while connection threads read them.
 */
final class SimSettings {

    static final String DEFAULT_MODEL = "sim-model";
    static final int MAX_N = 128;

    final ReplyScript script = new ReplyScript();
    volatile String defaultModel = DEFAULT_MODEL;
    volatile Set<String> servedModels = Set.of();
    volatile String apiKey;
    volatile boolean ignoreN;
    volatile SeedBehaviour seedBehaviour = SeedBehaviour.FIXED;
    /** Sampling fields answered with a 400 naming them, as OpenAI answers a field it does not know. */
    volatile Set<String> rejectedFields = Set.of();
    volatile boolean serveCompletions = true;
    volatile Function<SimRequest, Duration> latency = r -> Duration.ZERO;
    volatile int retryAfterSeconds = 1;
    /** How long a {@link Fault#TIMEOUT} holds its reply; null holds it until the server closes. */
    volatile Duration timeoutHold;

    /** The models GET /v1/models lists: the served set, or the default model when any is accepted. */
    List<String> listedModels() {
        Set<String> served = servedModels;
        return served.isEmpty() ? List.of(defaultModel) : served.stream().sorted().toList();
    }
}
