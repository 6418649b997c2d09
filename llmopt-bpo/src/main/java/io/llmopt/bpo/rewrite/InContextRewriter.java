package io.llmopt.bpo.rewrite;

import io.llmopt.bpo.language.PromptLanguages;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.text.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites with an instruction-tuned LLM shown the {@code k} stored pairs most similar to the
 * prompt as worked examples, so no rewriter model has to be trained.
 *
 * <p>Each example is a user turn (the rewriter instruction for the example's original prompt) and
 * an assistant turn (its optimized prompt); the most similar example comes last, nearest the
 * question. With {@code k = 0} or no similar pair this is the zero-shot rewriter.
 */
public final class InContextRewriter implements PromptRewriter {

    /** How many of the most similar pairs (times k) the prompt's language is looked for among. */
    private static final int LANGUAGE_POOL = 5;

    private final LanguageModel model;
    private final List<OptimizedPair> pairs;
    private final SimilarityIndex index;
    private final int k;
    private final ChatRewriterOptions options;
    private final PromptLanguages languages;
    private final Map<Integer, Optional<String>> pairLanguages = new ConcurrentHashMap<>();

    /**
     * @param pairs the example pairs; {@code index} must have been built over their original prompts,
     *              in the same order
     */
    public InContextRewriter(LanguageModel model, List<OptimizedPair> pairs, SimilarityIndex index, int k,
                             ChatRewriterOptions options) {
        this(model, pairs, index, k, options, null);
    }

    /**
     * With {@code languages}, the examples are taken from pairs in the prompt's language first
     * (among the most similar), so a Chinese prompt is shown Chinese rewrites.
     */
    public InContextRewriter(LanguageModel model, List<OptimizedPair> pairs, SimilarityIndex index, int k,
                             ChatRewriterOptions options, PromptLanguages languages) {
        this.languages = languages;
        this.model = Objects.requireNonNull(model, "model");
        this.pairs = List.copyOf(pairs);
        this.index = Objects.requireNonNull(index, "index");
        this.k = k;
        this.options = Objects.requireNonNull(options, "options");
        if (index.size() != pairs.size()) {
            throw new IllegalArgumentException("the index holds " + index.size() + " documents but there are "
                    + pairs.size() + " pairs; build it over the pairs' original prompts");
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be non-negative, got " + k);
        }
    }

    /** BM25 over the pairs' original prompts. */
    public static InContextRewriter withBm25(LanguageModel model, List<OptimizedPair> pairs, int k, ChatRewriterOptions options) {
        return new InContextRewriter(model, pairs, new Bm25Index(pairs.stream().map(OptimizedPair::prompt).toList()), k, options);
    }

    /** The examples chosen for a prompt, most similar first. */
    public List<OptimizedPair> examplesFor(String prompt) {
        if (k == 0) {
            return List.of();
        }
        Optional<String> language = languages == null ? Optional.empty() : languages.of(prompt);
        if (language.isEmpty()) {
            return index.search(prompt, k).stream().map(hit -> pairs.get(hit.document())).toList();
        }
        // among the most similar pairs, those in the prompt's language first, each group in similarity order
        List<Integer> hits = index.search(prompt, Math.min(pairs.size(), k * LANGUAGE_POOL)).stream()
                .map(SimilarityIndex.Hit::document).toList();
        List<OptimizedPair> same = new ArrayList<>();
        List<OptimizedPair> other = new ArrayList<>();
        for (int doc : hits) {
            Optional<String> pairLanguage = pairLanguages.computeIfAbsent(doc, d -> languages.of(pairs.get(d).prompt()));
            (pairLanguage.equals(language) ? same : other).add(pairs.get(doc));
        }
        same.addAll(other);
        return same.subList(0, Math.min(k, same.size()));
    }

    /** The same rewriter with other options (e.g. told to keep the prompt's language). */
    public InContextRewriter withOptions(ChatRewriterOptions value) {
        return new InContextRewriter(model, pairs, index, k, value, languages);
    }

    ChatRequest request(String prompt) {
        ChatRequest.Builder builder = ChatRequest.builder();
        if (options.systemMessage() != null) {
            builder.system(options.systemMessage());
        }
        List<OptimizedPair> examples = examplesFor(prompt);
        for (int i = examples.size() - 1; i >= 0; i--) {
            builder.user(RewriterInstruction.plain(examples.get(i).prompt()));
            builder.assistant(examples.get(i).optimizedPrompt());
        }
        return builder.user(RewriterInstruction.plain(prompt))
                .temperature(options.temperature())
                .topP(options.topP())
                .maxTokens(options.maxTokens())
                .build();
    }

    @Override
    public CompletableFuture<Rewrite> rewrite(String prompt) {
        return model.chat(request(prompt)).thenApply(response -> {
            String text = clean(response.text());
            return new Rewrite(prompt, text.isBlank() ? prompt : text, List.of(text));
        });
    }

    /** Stripped, and one layer of quotes removed when the reply is a quoted string, as for pairs. */
    static String clean(String reply) {
        return PythonText.evalStringLiteral(reply).map(PythonText::strip).orElseGet(() -> PythonText.strip(reply));
    }
}
