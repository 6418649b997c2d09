package io.llmopt.testkit;

import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.sim.SimulatedLlmServer;
import java.time.Duration;

/**
 * Points a model at the simulated server: the real HTTP backend, as production meets it, or the
 * {@code --model} spec that makes the CLI or a configuration file do the same. The model name is
 * {@link #MODEL} everywhere, so scripted replies and assertions agree on it.
 */
public final class SimModels {

    /** The model name the simulated server is asked for. */
    public static final String MODEL = "sim-model";

    private SimModels() {
    }

    /** {@code openai-compatible:<base url>#sim-model}, the spec for {@code --model} or a config file. */
    public static String spec(SimulatedLlmServer sim) {
        return spec(sim, MODEL);
    }

    /** The spec asking the simulator for {@code model}, for tests where the name matters (prices, context windows). */
    public static String spec(SimulatedLlmServer sim, String model) {
        return "openai-compatible:" + sim.baseUrl() + "#" + model;
    }

    /** A builder for the HTTP model at the simulator, for tests that set more (n support, timeouts). */
    public static OpenAiCompatibleModel.Builder builder(SimulatedLlmServer sim) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), MODEL).provider("sim");
    }

    /** The HTTP model at the simulator, with a request timeout that fails a stuck test instead of hanging it. */
    public static OpenAiCompatibleModel model(SimulatedLlmServer sim) {
        return builder(sim).requestTimeout(Duration.ofSeconds(20)).build();
    }
}
