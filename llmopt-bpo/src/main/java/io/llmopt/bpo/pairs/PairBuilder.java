package io.llmopt.bpo.pairs;

import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns preference records into optimized pairs with an LLM: one pair-construction call per
 * record, at most {@code maxConcurrency} in flight, each record's outcome reported to a listener as
 * it arrives.
 *
 * <p>Resuming is the caller's business: pass the ids already done as {@code skipIds} and persist
 * outcomes from the listener. Failed records are reported, not retried here (a retry decorator on
 * the model does that), so that one bad record never stops a run.
 */
public final class PairBuilder {

    private final LanguageModel model;
    private final PairBuilderOptions options;

    public PairBuilder(LanguageModel model, PairBuilderOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Processes every record whose id is not in {@code skipIds}. The future completes with all
     * outcomes in input order once every call has ended; it fails only if the listener throws.
     */
    public CompletableFuture<PairBuildReport> build(List<PreferenceRecord> records, Set<String> skipIds,
                                                    PairListener listener) {
        List<PreferenceRecord> todo = records.stream().filter(r -> !skipIds.contains(r.id())).toList();
        int skipped = records.size() - todo.size();
        CompletableFuture<PairBuildReport> done = new CompletableFuture<>();
        if (todo.isEmpty()) {
            done.complete(new PairBuildReport(List.of(), skipped));
            return done;
        }
        new Run(todo, skipped, listener, done).start();
        return done;
    }

    /**
     * One build in progress. Launches go through a work-in-progress counter so that a model
     * completing synchronously (a cache hit, a fake) loops instead of recursing once per record.
     */
    private final class Run {
        private final List<PreferenceRecord> todo;
        private final int skipped;
        private final PairListener listener;
        private final CompletableFuture<PairBuildReport> done;
        private final AtomicReferenceArray<PairOutcome> outcomes;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger launchRequests = new AtomicInteger();

        Run(List<PreferenceRecord> todo, int skipped, PairListener listener, CompletableFuture<PairBuildReport> done) {
            this.todo = todo;
            this.skipped = skipped;
            this.listener = listener;
            this.done = done;
            this.outcomes = new AtomicReferenceArray<>(todo.size());
        }

        void start() {
            for (int w = 0; w < Math.min(options.maxConcurrency(), todo.size()); w++) {
                requestLaunch();
            }
        }

        private void requestLaunch() {
            if (launchRequests.getAndIncrement() != 0) {
                return; // the thread already draining will launch it
            }
            do {
                launchOne();
            } while (launchRequests.decrementAndGet() != 0);
        }

        private void launchOne() {
            int i = next.getAndIncrement();
            if (i >= todo.size() || done.isDone()) {
                return;
            }
            PreferenceRecord record = todo.get(i);
            call(record).whenComplete((outcome, error) -> finish(i, record, outcome, error));
        }

        private void finish(int i, PreferenceRecord record, PairOutcome outcome, Throwable error) {
            PairOutcome result = error == null ? outcome
                    : PairOutcome.failed(record.id(), LlmException.unwrap(error, model.info()).getMessage());
            outcomes.set(i, result);
            try {
                listener.onOutcome(result);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            if (finished.incrementAndGet() == todo.size()) {
                List<PairOutcome> ordered = new ArrayList<>(todo.size());
                for (int k = 0; k < todo.size(); k++) {
                    ordered.add(outcomes.get(k));
                }
                done.complete(new PairBuildReport(ordered, skipped));
            } else {
                requestLaunch();
            }
        }
    }

    /**
     * One record from prompt to outcome, for callers that schedule records themselves (a streaming
     * pipeline). Never completes exceptionally: a failed call becomes a {@link PairOutcome.Status#FAILED}
     * outcome, so one bad record cannot stop the others.
     */
    public CompletableFuture<PairOutcome> buildOne(PreferenceRecord record) {
        return call(record).handle((outcome, error) -> {
            if (error == null) {
                return outcome;
            }
            LlmException e = LlmException.unwrap(error, model.info());
            if (e.kind() == LlmException.Kind.CANCELLED || e.kind() == LlmException.Kind.UNAUTHORIZED
                    || e.kind() == LlmException.Kind.NOT_FOUND || e.getCause() instanceof Error) {
                // a stop leaves the record to do; a refused key, an unknown model or an Error (out of
                // memory) is the run's failure, not the record's: the pipeline stops at the first
                throw new CompletionException(e.getCause() instanceof Error err ? err : e);
            }
            return PairOutcome.failed(record.id(), e.getMessage());
        });
    }

    /** One record from prompt to outcome; never completes exceptionally except for the model call. */
    CompletableFuture<PairOutcome> call(PreferenceRecord record) {
        ChatRequest request = ChatRequest.builder()
                .user(PairPrompt.of(record))
                .temperature(options.temperature())
                .maxTokens(options.maxTokens())
                .build();
        CompletableFuture<ChatResponse> response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.thenApply(r -> outcome(record, r.text()));
    }

    /** The pure part: from a reply to an outcome. */
    PairOutcome outcome(PreferenceRecord record, String reply) {
        Optional<ParsedReply> parsed = PairParser.parse(reply);
        if (parsed.isEmpty()) {
            return PairOutcome.filtered(record.id(), null, "reply has no '" + PairParser.MARKER + "'", reply);
        }
        String optimized = parsed.get().optimizedInstruction();
        Optional<String> rejection = record.hasContext() && !options.filterRecordsWithContext()
                ? Optional.empty()
                : PairFilters.firstRejection(options.filters(), record.instruction(), optimized);
        Random random = new Random(options.seed() * 1_000_003L + record.id().hashCode());
        ContextAttachment.Prompts prompts = options.contextAttachment()
                .attach(record.instruction(), record.context(), optimized, random);
        OptimizedPair pair = new OptimizedPair(record.id(), prompts.prompt(), prompts.optimizedPrompt(),
                parsed.get().comparison(), rejection.orElse(null));
        return rejection.isPresent()
                ? PairOutcome.filtered(record.id(), pair, rejection.get(), reply)
                : PairOutcome.kept(pair, reply);
    }
}
