package io.llmopt.core.cache;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.RequestFingerprint;
import io.llmopt.core.llm.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers from a {@link ResponseCache} and asks the model only for what is missing.
 *
 * <p>Every sample is cached on its own, keyed by {@code RequestFingerprint.forCache(endpoint, api, model, request, i)}
 * (the endpoint's identity and the API kind are in the key, so two servers serving a model of the
 * same name never answer for each other):
 * a request for n = 8 samples at temperature 1 whose samples 0..4 are cached asks the model for 3
 * more and stores them as samples 5..7. Re-running a step therefore reproduces it exactly and for
 * free, and raising n later pays only for the new samples.
 *
 * <p>A fully cached request returns a response with {@code cacheHit = true} and the tokens its
 * samples once cost; otherwise the response carries the usage of the model call just made. Identical
 * requests in flight at once are coalesced: one model call, the others get its answer as a cache hit.
 *
 * <p>Cache I/O runs on {@code ioExecutor} (virtual threads by default), never on the caller's
 * thread. A cache that fails to read or write is logged (one line) and treated as a miss: a broken
 * cache file slows a run down but does not stop it; a workspace wraps its cache in a
 * {@link FailSafeResponseCache}, which switches it off at the first failure with one warning. The cache is not closed with this model, since several
 * roles usually share one.
 */
public final class CachingLanguageModel extends ForwardingLanguageModel {

    private static final System.Logger LOG = System.getLogger(CachingLanguageModel.class.getName());
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("llmopt-cache-io").start(task);

    private final ResponseCache cache;
    private final CacheMode mode;
    private final String endpoint;
    private final Executor io;
    private final ConcurrentHashMap<String, CompletableFuture<ChatResponse>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder sampleHits = new LongAdder();
    private final LongAdder sampleMisses = new LongAdder();
    private final LongAdder coalesced = new LongAdder();

    /** Keys entries by the delegate's endpoint ({@code delegate.info().endpoint()}). */
    public CachingLanguageModel(LanguageModel delegate, ResponseCache cache, CacheMode mode) {
        this(delegate, cache, mode, null, VIRTUAL_THREADS);
    }

    public CachingLanguageModel(LanguageModel delegate, ResponseCache cache, CacheMode mode, Executor ioExecutor) {
        this(delegate, cache, mode, null, Objects.requireNonNull(ioExecutor, "ioExecutor"));
    }

    /**
     * @param endpoint the identity of who answers, in every key: a base URL, or a pool's declared
     *                 name so that the pool's members share entries; null for the delegate's endpoint
     * @param ioExecutor where cache I/O runs; null for virtual threads
     */
    public CachingLanguageModel(LanguageModel delegate, ResponseCache cache, CacheMode mode, String endpoint,
            Executor ioExecutor) {
        super(delegate);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.endpoint = endpoint != null ? endpoint : delegate.info().endpoint();
        this.io = ioExecutor != null ? ioExecutor : VIRTUAL_THREADS;
    }

    /** The endpoint identity in this layer's keys. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        if (mode == CacheMode.OFF) {
            return delegate.chat(request);
        }
        String model = delegate.info().model();
        return CompletableFuture.supplyAsync(() -> lookup(model, request), io)
                .thenCompose(lookup -> lookup.complete()
                        ? CompletableFuture.completedFuture(lookup.asHit(model))
                        : fetchCoalesced(model, request, lookup));
    }

    public CacheMode mode() {
        return mode;
    }

    public ResponseCache cache() {
        return cache;
    }

    public Stats stats() {
        return new Stats(sampleHits.sum(), sampleMisses.sum(), coalesced.sum());
    }

    /**
     * @param sampleHits    samples answered from the cache
     * @param sampleMisses  samples the model was asked for
     * @param coalescedCalls calls answered by an identical call already in flight
     */
    public record Stats(long sampleHits, long sampleMisses, long coalescedCalls) {
    }

    /** The samples of one request: keys in sample order, and those already cached. */
    private record Lookup(List<String> keys, Map<String, CachedCompletion> found) {

        boolean complete() {
            return found.size() == keys.size();
        }

        List<Integer> missingIndices() {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!found.containsKey(keys.get(i))) {
                    missing.add(i);
                }
            }
            return missing;
        }

        ChatResponse asHit(String model) {
            List<Completion> completions = new ArrayList<>(keys.size());
            TokenUsage usage = TokenUsage.ZERO;
            for (String key : keys) {
                CachedCompletion c = found.get(key);
                completions.add(c.completion());
                usage = usage.plus(c.usage());
            }
            return new ChatResponse(completions, usage, model, true);
        }
    }

    private Lookup lookup(String model, ChatRequest request) {
        List<String> keys = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            keys.add(RequestFingerprint.forCache(endpoint, delegate.info().api(), model, request, i));
        }
        Map<String, CachedCompletion> found;
        try {
            found = cache.getAll(keys);
        } catch (RuntimeException e) {
            // one line, no stack trace: a failing cache fails for every call (FailSafeResponseCache switches it off)
            LOG.log(System.Logger.Level.WARNING, "response cache read failed, asking the model instead: " + e.getMessage());
            found = Map.of();
        }
        return new Lookup(keys, found);
    }

    private CompletableFuture<ChatResponse> fetchCoalesced(String model, ChatRequest request, Lookup lookup) {
        String requestKey = RequestFingerprint.forCache(endpoint, delegate.info().api(), model, request);
        CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
        CompletableFuture<ChatResponse> leader = inFlight.putIfAbsent(requestKey, mine);
        if (leader != null) {
            coalesced.increment();
            return leader.thenApply(ChatResponse::asCacheHit);
        }
        fetchMissing(model, request, lookup).whenComplete((response, failure) -> {
            inFlight.remove(requestKey, mine);
            Futures.complete(mine, response, failure);
        });
        return mine;
    }

    private CompletableFuture<ChatResponse> fetchMissing(String model, ChatRequest request, Lookup lookup) {
        List<Integer> missing = lookup.missingIndices();
        sampleHits.add(request.n() - missing.size());
        sampleMisses.add(missing.size());
        // The reply is stored on the thread that completes it, not after a hop to another thread:
        // the write takes tens of microseconds, the hop to a virtual thread pinned by SQLite's
        // native call measured hundreds, on every cache miss.
        return Futures.call(() -> delegate.chat(request.withN(missing.size())))
                .thenApply(fresh -> {
                    if (mode == CacheMode.READ_WRITE) {
                        store(lookup, missing, fresh);
                    }
                    return merge(lookup, missing, fresh, model);
                });
    }

    private void store(Lookup lookup, List<Integer> missing, ChatResponse fresh) {
        List<Completion> completions = fresh.completions();
        int count = Math.min(completions.size(), missing.size());
        if (count == 0) {
            return;
        }
        long[] promptShares = shares(fresh.usage().promptTokens(), count);
        long[] completionShares = shares(fresh.usage().completionTokens(), count);
        Map<String, CachedCompletion> entries = new LinkedHashMap<>();
        for (int j = 0; j < count; j++) {
            Completion c = completions.get(j);
            entries.put(lookup.keys().get(missing.get(j)),
                    new CachedCompletion(c.text(), c.finishReason(), promptShares[j], completionShares[j], c.logprobs()));
        }
        try {
            cache.putAll(entries);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "response cache write failed; the reply is used but not cached: " + e.getMessage());
        }
    }

    /** Splits {@code total} into {@code parts} whole shares that add up to it exactly. */
    static long[] shares(long total, int parts) {
        long[] out = new long[parts];
        Arrays.fill(out, total / parts);
        for (int i = 0; i < total % parts; i++) {
            out[i]++;
        }
        return out;
    }

    private static ChatResponse merge(Lookup lookup, List<Integer> missing, ChatResponse fresh, String model) {
        if (missing.size() == lookup.keys().size()) {
            return fresh;
        }
        Map<Integer, Completion> byIndex = new HashMap<>();
        for (int j = 0; j < missing.size() && j < fresh.completions().size(); j++) {
            byIndex.put(missing.get(j), fresh.completions().get(j));
        }
        List<Completion> completions = new ArrayList<>(lookup.keys().size());
        for (int i = 0; i < lookup.keys().size(); i++) {
            CachedCompletion cached = lookup.found().get(lookup.keys().get(i));
            Completion c = cached != null ? cached.completion() : byIndex.get(i);
            if (c != null) {
                completions.add(c);
            }
        }
        // Only the fresh samples were billed now; the cached ones cost nothing this time.
        return new ChatResponse(completions, fresh.usage(), fresh.model().isEmpty() ? model : fresh.model(), false, fresh.batched(),
                fresh.timing());
    }
}
