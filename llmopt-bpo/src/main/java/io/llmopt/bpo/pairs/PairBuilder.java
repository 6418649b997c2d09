package io.llmopt.bpo.pairs;

import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.core.concurrent.BoundedLauncher;
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
import java.util.stream.IntStream;

/**
 * Turns preference records into optimized pairs with an LLM: one pair-construction call per
 * record, at most {@code maxConcurrency} in flight, each record's outcome reported to a listener as
 * it arrives.
 *
 * <p>Resuming is the caller's business: pass the ids already done as {@code skipIds} and persist
 * outcomes from the listener. Records are launched by core's {@link BoundedLauncher}, as in the
 * streaming pipelines. Failed records are reported, not retried here (a retry decorator on
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
        AtomicReferenceArray<PairOutcome> outcomes = new AtomicReferenceArray<>(todo.size());
        List<Integer> positions = IntStream.range(0, todo.size()).boxed().toList();
        return new BoundedLauncher<Integer>(options.maxConcurrency(), () -> false)
                .run(positions, i -> buildOne(todo.get(i)).thenAccept(outcome -> {
                    outcomes.set(i, outcome);
                    listener.onOutcome(outcome);
                }))
                .thenApply(complete -> {
                    List<PairOutcome> ordered = new ArrayList<>(todo.size());
                    for (int k = 0; k < todo.size(); k++) {
                        ordered.add(outcomes.get(k));
                    }
                    return new PairBuildReport(ordered, skipped);
                });
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
                .seed(options.temperature() > 0 ? seedFor(options.seed(), record.id()) : null)
                .build();
        CompletableFuture<ChatResponse> response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.thenApply(r -> outcome(record, r.text()));
    }

    /**
     * The sampling seed of a record's call, from the run seed and the record: a call in flight at a
     * kill is sent again on resume with the same seed, so a server that honours it gives the same pair.
     */
    static long seedFor(long runSeed, String recordId) {
        return Math.floorMod(runSeed * 1_000_003L + recordId.hashCode() * 31L + 17, 1L << 31);
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
