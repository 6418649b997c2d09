package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import io.llmopt.core.llm.TokenLogprob;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log-probabilities asked for come back in each completion, from both APIs, and out of the cache. */
class LogprobsReadBackTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("the answer is 42");

    @TempDir
    Path dir;

    private static ChatRequest asking(ChatRequest.Builder b, int alternatives) {
        return b.n(2).sampling(Sampling.builder().logprobs(alternatives).build()).build();
    }

    @Test
    void chatRepliesCarryEachTokensLogprobAndItsAlternatives() {
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "m").build()) {
            ChatResponse r = model.call(asking(ChatRequest.builder().user("q"), 2));
            for (Completion c : r.completions()) {
                assertThat(c.logprobs()).extracting(TokenLogprob::token).containsExactly("the", "answer", "is", "42");
                assertThat(c.logprobs().get(1).logprob()).isEqualTo(-0.2, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(c.logprobs().get(1).alternatives()).extracting(TokenLogprob::token).containsExactly("answer", "alt1");
            }
            assertThat(model.call(ChatRequest.ofUser("q")).completions().get(0).hasLogprobs()).as("not asked").isFalse();
        }
    }

    @Test
    void completionsRepliesCarryThemTooMostLikelyAlternativeFirst() {
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "m").api(ModelApi.COMPLETIONS).build()) {
            Completion c = model.call(asking(ChatRequest.builder().rawPrompt("p"), 3)).completions().get(1);
            assertThat(c.logprobs()).extracting(TokenLogprob::token).containsExactly("the", "answer", "is", "42");
            assertThat(c.logprobs().get(0).logprob()).isEqualTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(c.logprobs().get(0).alternatives()).extracting(TokenLogprob::token).containsExactly("the", "alt1", "alt2");
        }
    }

    @Test
    void aCachedReplyKeepsItsLogprobsAndAnOldCacheFileGetsTheColumn() throws Exception {
        Path file = dir.resolve("responses.db");
        // a cache file as written before log-probabilities were kept
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE completion_cache (key TEXT NOT NULL PRIMARY KEY, text TEXT NOT NULL, finish_reason TEXT"
                    + " NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, created_at INTEGER NOT NULL)"
                    + " WITHOUT ROWID");
            s.execute("INSERT INTO completion_cache VALUES ('old', 'kept', 'stop', 1, 1, 0)");
        }
        ChatRequest request = asking(ChatRequest.builder().user("q"), 1);
        ChatResponse fresh;
        try (SqliteResponseCache cache = SqliteResponseCache.open(file);
                CachingLanguageModel model = new CachingLanguageModel(
                        OpenAiCompatibleModel.builder(sim.baseUrl(), "m").build(), cache, CacheMode.READ_WRITE)) {
            fresh = model.call(request);
            assertThat(cache.getAll(java.util.List.of("old")).get("old").completion().text()).isEqualTo("kept");
        }
        try (SqliteResponseCache cache = SqliteResponseCache.open(file);
                CachingLanguageModel model = new CachingLanguageModel(
                        OpenAiCompatibleModel.builder(sim.baseUrl(), "m").build(), cache, CacheMode.READ_WRITE)) {
            ChatResponse hit = model.call(request);
            assertThat(hit.cacheHit()).isTrue();
            assertThat(hit.completions()).isEqualTo(fresh.completions());
            assertThat(hit.completions().get(0).logprobs()).hasSize(4);
        }
        assertThat(sim.chatRequests()).hasSize(1);
    }
}
