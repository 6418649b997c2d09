package io.llmopt.cli.common;

import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.runtime.BackendFactory;
import io.llmopt.sim.PlausibleReplies;
import io.llmopt.sim.SimStats;
import io.llmopt.sim.SimulatedLlmServer;
import java.util.List;
import java.util.Optional;

/**
 * Serves models from one in-process simulated server with plausible replies: the backend of
 * {@code sim:} specs and of every model in a dry run. Requests keep the configured model name, so
 * the price table still applies to the counted tokens.
 */
public final class SimBackends implements BackendFactory, AutoCloseable {

    private SimulatedLlmServer server;

    @Override
    public synchronized List<LanguageModel> create(String modelName, ModelConfig config, ModelSpec spec, Optional<ApiKey> apiKey) {
        if (server == null) {
            server = SimulatedLlmServer.start();
            server.reply(new PlausibleReplies());
        }
        return List.of(OpenAiCompatibleModel.builder(server.baseUrl(), spec.model()).provider(spec.provider().prefix()).build());
    }

    /** What the server has served so far (nothing when no model was created). */
    public synchronized SimStats stats() {
        return server == null ? new SimStats(0, 0, 0, 0, 0) : server.stats();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
