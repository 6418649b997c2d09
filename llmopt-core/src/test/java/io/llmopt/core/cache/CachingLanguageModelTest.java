package io.llmopt.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.TokenUsage;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingLanguageModelTest {

    private final FakeLanguageModel backend = new FakeLanguageModel("m");
    private final InMemoryResponseCache cache = new InMemoryResponseCache();
    private final ChatRequest sampled = ChatRequest.builder().user("Write an instruction.").temperature(1.0).n(3).build();

    @Test
    void repeatedRequestIsAnsweredWithoutCallingTheModel() {
        CachingLanguageModel caching = new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE);

        ChatResponse first = caching.call(sampled);
        ChatResponse second = caching.call(sampled);

        assertThat(backend.callCount()).isEqualTo(1);
        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.texts()).isEqualTo(first.texts()).containsExactly("m-0", "m-1", "m-2");
        assertThat(second.usage()).isEqualTo(first.usage());
    }

    @Test
    void cachedAcrossAReopenedSqliteFile(@TempDir Path dir) {
        Path file = dir.resolve("cache/responses.sqlite");
        try (SqliteResponseCache sqlite = SqliteResponseCache.open(file)) {
            new CachingLanguageModel(backend, sqlite, CacheMode.READ_WRITE).call(sampled);
        }
        FakeLanguageModel fresh = new FakeLanguageModel("m");
        try (SqliteResponseCache sqlite = SqliteResponseCache.open(file)) {
            ChatResponse again = new CachingLanguageModel(fresh, sqlite, CacheMode.READ_WRITE).call(sampled);
            assertThat(again.cacheHit()).isTrue();
            assertThat(again.texts()).containsExactly("m-0", "m-1", "m-2");
        }
        assertThat(fresh.callCount()).isZero();
    }

    @Test
    void asksOnlyForTheMissingSamplesAndKeepsSampleOrder() {
        CachingLanguageModel caching = new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE);
        caching.call(sampled);

        ChatResponse eight = caching.call(sampled.withN(8));

        assertThat(backend.calls()).extracting(ChatRequest::n).containsExactly(3, 5);
        assertThat(eight.cacheHit()).isFalse();
        assertThat(eight.texts()).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7");
        assertThat(eight.usage().completionTokens()).isEqualTo(5 * FakeLanguageModel.COMPLETION_TOKENS_PER_SAMPLE);

        ChatResponse again = caching.call(sampled.withN(8));
        assertThat(again.cacheHit()).isTrue();
        assertThat(again.texts()).isEqualTo(eight.texts());
        assertThat(backend.callCount()).isEqualTo(2);
    }

    @Test
    void samplesCarryTheirShareOfTheTokens() {
        assertThat(CachingLanguageModel.shares(10, 3)).containsExactly(4, 3, 3);
        assertThat(CachingLanguageModel.shares(2, 4)).containsExactly(1, 1, 0, 0);

        CachingLanguageModel caching = new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE);
        TokenUsage billed = caching.call(sampled).usage();
        assertThat(caching.call(sampled.withN(1)).usage().completionTokens())
                .isEqualTo(FakeLanguageModel.COMPLETION_TOKENS_PER_SAMPLE);
        assertThat(caching.call(sampled).usage()).isEqualTo(billed);
    }

    @Test
    void readOnlyAnswersFromTheCacheButNeverWrites() {
        new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE).call(sampled);
        CachingLanguageModel readOnly = new CachingLanguageModel(backend, cache, CacheMode.READ_ONLY);

        assertThat(readOnly.call(sampled).cacheHit()).isTrue();
        ChatRequest other = ChatRequest.ofUser("new question");
        readOnly.call(other);
        readOnly.call(other);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(backend.callCount()).isEqualTo(3);
    }

    @Test
    void offModeBypassesTheCache() {
        new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE).call(sampled);
        CachingLanguageModel off = new CachingLanguageModel(backend, cache, CacheMode.OFF);

        assertThat(off.call(sampled).cacheHit()).isFalse();
        assertThat(backend.callCount()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void differentModelNamesDoNotShareEntries() {
        new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE).call(sampled);
        FakeLanguageModel other = new FakeLanguageModel("other");
        assertThat(new CachingLanguageModel(other, cache, CacheMode.READ_WRITE).call(sampled).cacheHit()).isFalse();
        assertThat(other.callCount()).isEqualTo(1);
    }

    @Test
    void identicalRequestsInFlightAreCoalesced() {
        backend.holdReplies();
        CachingLanguageModel caching = new CachingLanguageModel(backend, cache, CacheMode.READ_WRITE, Runnable::run);

        CompletableFuture<ChatResponse> a = caching.chat(sampled);
        CompletableFuture<ChatResponse> b = caching.chat(sampled);
        backend.releaseAll();

        assertThat(backend.callCount()).isEqualTo(1);
        assertThat(a.join().cacheHit()).isFalse();
        assertThat(b.join().cacheHit()).isTrue();
        assertThat(b.join().texts()).isEqualTo(a.join().texts());
        assertThat(caching.stats().coalescedCalls()).isEqualTo(1);
    }

    @Test
    void aBrokenCacheSlowsDownButDoesNotFailCalls() {
        ResponseCache broken = new ResponseCache() {
            @Override
            public Map<String, CachedCompletion> getAll(Collection<String> keys) {
                throw new ResponseCacheException("disk gone", null);
            }

            @Override
            public void putAll(Map<String, CachedCompletion> entries) {
                throw new ResponseCacheException("disk gone", null);
            }

            @Override
            public long size() {
                return 0;
            }
        };
        CachingLanguageModel caching = new CachingLanguageModel(backend, broken, CacheMode.READ_WRITE);

        assertThat(caching.call(sampled).texts()).hasSize(3);
    }
}
