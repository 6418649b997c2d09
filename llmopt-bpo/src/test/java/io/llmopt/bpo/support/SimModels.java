package io.llmopt.bpo.support;

import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.sim.SimulatedLlmServer;
import java.time.Duration;

/** The real HTTP backend pointed at a simulated server, as the pipelines meet it in production. */
public final class SimModels {

    private SimModels() {
    }

    public static LanguageModel http(SimulatedLlmServer sim) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model")
                .provider("sim")
                .requestTimeout(Duration.ofSeconds(20))
                .build();
    }
}
