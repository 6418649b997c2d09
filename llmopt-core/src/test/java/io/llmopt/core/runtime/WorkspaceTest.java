package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.InMemoryResponseCache;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.fakes.Layers;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.retry.RetryingLanguageModel;
import io.llmopt.core.stack.ModelStack;
import io.llmopt.core.store.RunStatus;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @TempDir
    Path dir;

    private LoadedConfig config(SimulatedLlmServer sim, String... extra) {
        List<String> flags = new ArrayList<>(List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#sim-model",
                "roles.scorer=sim",
                "roles.optimizer=sim",
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("cache/responses.db")));
        flags.addAll(List.of(extra));
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
    }

    @Test
    void aRoleModelIsTheFullStackAndEveryCallIsLoggedToTheRun() throws Exception {
        sim.requireApiKey("sk-test-secret-key-0123456789abcdef");
        sim.reply("The answer is 42.");
        List<Progress> seen = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onProgress(Progress p) {
                seen.add(p);
            }
        };
        try (Workspace ws = Workspace.builder(config(sim, "models.sim.api_key_env=SIM_KEY")).environment(Map.of("SIM_KEY", "sk-test-secret-key-0123456789abcdef"))
                .listener(listener).build()) {
            String runId;
            try (ActiveRun run = ws.startRun("test-kind", "first", new ObjectMapper().createObjectNode().put("steps", 3))) {
                runId = run.id();
                var scorer = run.model(ModelRoles.SCORER);
                assertThat(scorer.call(ChatRequest.ofUser("What is 6*7?")).text()).isEqualTo("The answer is 42.");
                // the same request again: answered by the cache, no network call
                assertThat(scorer.call(ChatRequest.ofUser("What is 6*7?")).cacheHit()).isTrue();
                assertThat(sim.requestCount()).isEqualTo(1);

                Progress p = run.progress("scoring", 1, 3, 2, 10, OptionalDouble.of(0.5), 1);
                assertThat(p.calls()).isEqualTo(2);
                assertThat(p.cacheHits()).isEqualTo(1);
                assertThat(seen).containsExactly(p);
                assertThat(run.usage().role(ModelRoles.SCORER).calls()).isEqualTo(2);
                run.finish(RunStatus.COMPLETED, new ObjectMapper().createObjectNode().put("best", 0.5));
            }
            assertThat(ws.store().run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(ws.store().calls(runId)).hasSize(2);
            assertThat(Files.readString(dir.resolve("runs").resolve(runId).resolve("config.json"))).contains("\"steps\" : 3");
        }
        // the key reached the server but no file we wrote
        for (Path f : Files.walk(dir).filter(Files::isRegularFile).toList()) {
            assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as(f.toString()).doesNotContain("sk-test-secret-key");
        }
    }

    /**
     * The runtime builds its role models with ModelStack and SharedLayers, so its order cannot drift
     * from the library's: a role model has exactly the layers of a ModelStack given the same settings.
     */
    @Test
    void aRoleModelHasTheLayersOfAModelStackWithTheSameSettings() {
        try (Workspace ws = Workspace.open(config(sim, "budget.max_tokens=1000000"), Map.of());
                ActiveRun run = ws.startRun("k", null, null);
                ModelStack library = ModelStack.builder(ModelRoles.SCORER, OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model").build())
                        .maxConcurrency(Workspace.DEFAULT_MAX_CONCURRENCY)
                        .outage(OutagePolicy.waitingUpTo(OutagePolicy.DEFAULT_MAX_OUTAGE))
                        .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE)
                        .budget(Budget.tokens(1_000_000))
                        .build()) {
            assertThat(run.model(ModelRoles.SCORER)).isInstanceOfSatisfying(ModelStack.class, scorer -> assertThat(Layers.of(scorer))
                    .containsExactlyElementsOf(Layers.of(library))
                    .containsExactly(AccountingLanguageModel.class, BudgetLanguageModel.class, CachingLanguageModel.class,
                            OutageTolerantLanguageModel.class, RetryingLanguageModel.class, LimitingLanguageModel.class,
                            io.llmopt.core.accounting.SendingLanguageModel.class, OpenAiCompatibleModel.class));
            assertThat(((ModelStack) run.model(ModelRoles.SCORER)).maxConcurrency())
                    .as("what racing reads to size its window").hasValue(Workspace.DEFAULT_MAX_CONCURRENCY);
            assertThat(((ModelStack) run.model(ModelRoles.OPTIMIZER)).sharedLayers())
                    .as("one chain per model, shared by its roles").isSameAs(((ModelStack) run.model(ModelRoles.SCORER)).sharedLayers());
        }
    }

    @Test
    void aMissingRoleSaysWhatToPass() {
        try (Workspace ws = Workspace.open(config(sim), Map.of()); ActiveRun run = ws.startRun("k", null, null)) {
            assertThatThrownBy(() -> run.model(ModelRoles.JUDGE))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--judge MODEL");
        }
    }

    @Test
    void retriesAreCountedAndTheBudgetStopsNewCalls() {
        sim.reply("ok");
        sim.inject(FaultRule.first(1, Fault.SERVER_ERROR));
        try (Workspace ws = Workspace.builder(config(sim, "budget.max_tokens=5", "cache.mode=off"))
                .retryPolicy(io.llmopt.core.retry.RetryPolicy.of(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)))
                .build();
                ActiveRun run = ws.startRun("k", null, null)) {
            var m = run.model(ModelRoles.OPTIMIZER);
            assertThat(m.call(ChatRequest.ofUser("one two three four five six")).text()).isEqualTo("ok");
            assertThat(run.progress("p", 1, 1, 1, 1, OptionalDouble.empty(), 0).retriedErrors()).isEqualTo(1);
            assertThatThrownBy(() -> m.call(ChatRequest.ofUser("again")))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.BUDGET_EXCEEDED));
        }
    }

    @Test
    void resumingAnUnknownRunNamesTheStore() {
        try (Workspace ws = Workspace.open(config(sim), Map.of())) {
            assertThatThrownBy(() -> ws.resumeRun("nope")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("no run 'nope'").hasMessageContaining("runs.db");
        }
    }
}
