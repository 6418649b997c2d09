package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.cache.CachedCompletion;
import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.llm.RequestFingerprint;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache answers only for the server that answered (issue 20): two servers serving a
 * model of the same name, with different answers, never share entries; the same text sent as chat
 * and as a raw prompt never share entries; a pool's members do, under the pool's declared name.
 */
class CacheIdentityTest {

    @AutoClose
    private final SimulatedLlmServer echo = SimulatedLlmServer.start().reply("echo server's answer");

    @AutoClose
    private final SimulatedLlmServer real = SimulatedLlmServer.start().reply("real server's answer");

    @TempDir
    Path dir;

    private LoadedConfig config(String... settings) {
        return config(null, settings);
    }

    private LoadedConfig config(Path file, String... settings) {
        List<String> flags = new ArrayList<>(List.of(
                "roles.scorer=m",
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("cache/responses.db"),
                "cache.mode=read-write"));
        flags.addAll(List.of(settings));
        ConfigLoader loader = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set"));
        return (file == null ? loader : loader.file(file)).load();
    }

    private ChatResponse ask(LoadedConfig config, ChatRequest request) {
        try (Workspace ws = Workspace.open(config, Map.of()); ActiveRun run = ws.startRun("k", null, null)) {
            return run.model(ModelRoles.SCORER).call(request);
        }
    }

    @Test
    void twoServersWithTheSameModelNameNeverAnswerForEachOther() {
        ChatRequest q = ChatRequest.ofUser("What is 2+2?");
        ChatResponse first = ask(config("models.m.spec=vllm:" + echo.baseUrl() + "#qwen"), q);
        ChatResponse second = ask(config("models.m.spec=vllm:" + real.baseUrl() + "#qwen"), q);
        ChatResponse again = ask(config("models.m.spec=vllm:" + echo.baseUrl() + "#qwen"), q);

        assertThat(first.text()).isEqualTo("echo server's answer");
        assertThat(second.text()).isEqualTo("real server's answer");
        assertThat(second.cacheHit()).isFalse();
        assertThat(again.text()).isEqualTo("echo server's answer");
        assertThat(again.cacheHit()).as("the same server again: its own entry").isTrue();
        assertThat(echo.requestCount()).isEqualTo(1);
        assertThat(real.requestCount()).isEqualTo(1);
    }

    @Test
    void theSameTextAsChatAndAsARawPromptAreDifferentEntries() {
        ChatResponse chat = ask(config("models.m.spec=vllm:" + echo.baseUrl() + "#qwen"), ChatRequest.ofUser("hi"));
        ChatResponse raw = ask(config("models.m.spec=vllm:" + echo.baseUrl() + "#qwen?api=completions"), ChatRequest.raw("hi"));
        assertThat(chat.cacheHit()).isFalse();
        assertThat(raw.cacheHit()).isFalse();
        assertThat(echo.chatRequests()).hasSize(1);
        assertThat(echo.completionRequests()).hasSize(1);
    }

    @Test
    void poolMembersShareEntriesUnderThePoolsName() throws Exception {
        Path pool = Files.writeString(dir.resolve("llmopt.yaml"), "models:\n  m:\n    spec: vllm:" + echo.baseUrl()
                + "#qwen\n    endpoints: [" + real.baseUrl() + "]\n");
        ChatRequest q = ChatRequest.ofUser("shared?");
        ChatResponse first = ask(config(pool), q);
        ChatResponse second = ask(config(pool), q);
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(echo.requestCount() + real.requestCount()).isEqualTo(1);
    }

    @Test
    void entriesWrittenBeforeEndpointsWereInTheKeyAreNotReused() {
        ChatRequest q = ChatRequest.ofUser("old?");
        // an entry as the earlier versions wrote it: keyed on the model name alone
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("cache/responses.db"))) {
            cache.putAll(Map.of(RequestFingerprint.of("qwen", q, 0), new CachedCompletion("stale", FinishReason.STOP, 1, 1)));
        }
        ChatResponse r = ask(config("models.m.spec=vllm:" + real.baseUrl() + "#qwen"), q);
        assertThat(r.text()).isEqualTo("real server's answer");
        assertThat(r.cacheHit()).isFalse();
    }
}
