package io.llmopt.bpo.rewrite;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.RequestFingerprint;
import java.util.concurrent.CompletableFuture;

/**
 * Gives every sampled rewriter request (temperature above 0, no seed of its own) a seed derived
 * from the run seed and the request, which is the item: its prompt and, for a later round, the
 * rewrite it refines. A call in flight when the process was killed is sent again on resume with
 * the same seed, so a server that honours {@code seed} gives the same rewrite (as OPRO's optimizer
 * seeds by step and sample). The model name is left out, so the seed does not change with the
 * endpoint serving the run.
 */
public final class ItemSeededModel extends ForwardingLanguageModel {

    private final long runSeed;

    public ItemSeededModel(LanguageModel delegate, long runSeed) {
        super(delegate);
        this.runSeed = runSeed;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        if (request.temperature() > 0 && request.seed() == null) {
            return delegate.chat(request.withSeed(seedFor(runSeed, request)));
        }
        return delegate.chat(request);
    }

    /** A non-negative seed below 2^31 (servers differ in the widths they accept) from the run seed and the request. */
    static long seedFor(long runSeed, ChatRequest request) {
        String item = RequestFingerprint.of("", request);
        long h = runSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 16; i++) {
            h = h * 31 + Character.digit(item.charAt(i), 16);
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h & 0x7FFFFFFFL;
    }
}
