package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.language.LanguageKeepingRewriter;
import io.llmopt.bpo.language.LanguageTally;
import io.llmopt.bpo.language.PromptLanguages;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pipeline.PairItems;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.InContextRewriter;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.ItemSeededModel;
import io.llmopt.bpo.rewrite.ModelRewriter;
import io.llmopt.bpo.rewrite.PromptRewriter;
import io.llmopt.bpo.rewrite.RewriteMode;
import io.llmopt.bpo.rewrite.SampleChoice;
import io.llmopt.bpo.rewrite.SimilarityIndex;
import io.llmopt.bpo.rewrite.ZeroShotRewriter;
import io.llmopt.bpo.rewrite.embed.Embeddings;
import io.llmopt.cli.common.RoleOption;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How prompts are rewritten: the rewriter kind, its settings and the number of rounds. */
final class RewriterOptions {

    @Mixin
    RoleOption.Rewriter rewriterRole;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "zero-shot",
            description = "model (a served BPO rewriter model), in-context (the k most similar pairs of --pairs as examples) "
                    + "or zero-shot (the instruction alone). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "stable",
            description = "For --method model: stable (1 sample, T=0.6) or aggressive (5 samples, T=0.9). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--pairs", paramLabel = "RUN_ID", description = "For --method in-context: the build-pairs run whose kept pairs are the examples.")
    String pairsRun;

    @Option(names = "-k", paramLabel = "K", defaultValue = "3", description = "For --method in-context: examples per prompt (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--similarity", paramLabel = "KIND", defaultValue = "embedding",
            description = "For --method in-context: embedding (local all-MiniLM-L6-v2, falls back to BM25 when it cannot load) or bm25. "
                    + "Default: ${DEFAULT-VALUE}.")
    String similarity;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "Rewrite the rewrite again, R rounds in all; every round is kept (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** How many rewrites of this command switched language (for its closing lines). */
    final LanguageTally languages = new LanguageTally();

    /** The in-context examples, read by {@link #checkPairs} before the run is created. */
    private List<OptimizedPair> pairs;

    /**
     * Checks the options against each other, before anything is created: a usage error must not
     * leave a run behind.
     */
    void check() {
        String kind = kind();
        if (!kind.equals("in-context") && pairsRun != null) {
            throw new IllegalArgumentException("--pairs is only used with --method in-context");
        }
        if (kind.equals("in-context") && pairsRun == null) {
            throw new IllegalArgumentException("--method in-context needs --pairs RUN_ID (a build-pairs run)");
        }
        if (kind.equals("model")) {
            mode();
        }
        if (kind.equals("in-context")) {
            embeddings();
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, got " + k);
        }
    }

    /** For --method in-context: reads the examples from the store, before the run is created. */
    void checkPairs(RunStore store) {
        if (!kind().equals("in-context")) {
            return;
        }
        if (store.run(pairsRun).isEmpty()) {
            throw new IllegalArgumentException("--pairs: no run " + pairsRun + " in " + store.file());
        }
        pairs = PairItems.keptPairs(store, pairsRun);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("--pairs: run " + pairsRun + " has no kept pairs");
        }
    }

    private String kind() {
        String kind = method.toLowerCase(Locale.ROOT);
        if (!List.of("model", "zero-shot", "in-context").contains(kind)) {
            throw new IllegalArgumentException("--method must be model, in-context or zero-shot, got '" + method + "'");
        }
        return kind;
    }

    IterativeRewriter build(ActiveRun run) {
        return build(run, 0);
    }

    /**
     * @param seed the run seed: every sampled rewriter call carries a seed derived from it and the
     *             item ({@link ItemSeededModel}), so a call repeated on resume samples the same way
     */
    IterativeRewriter build(ActiveRun run, long seed) {
        this.seed = seed;
        return new IterativeRewriter(single(run), rounds);
    }

    private long seed;

    private LanguageModel rewriterModel(ActiveRun run) {
        return new ItemSeededModel(run.model(ModelRoles.REWRITER), seed);
    }

    /** The rewriter, kept in each prompt's language: a chat rewriter that switched is asked once more, told to keep it. */
    private PromptRewriter single(ActiveRun run) {
        check();
        String kind = kind();
        PromptRewriter rewriter;
        Function<String, PromptRewriter> keeping;
        switch (kind) {
            case "model" -> {
                rewriter = new ModelRewriter(rewriterModel(run), mode(), SampleChoice.FIRST);
                keeping = null;
            }
            case "zero-shot" -> {
                ZeroShotRewriter zeroShot = new ZeroShotRewriter(rewriterModel(run), ChatRewriterOptions.defaults());
                rewriter = zeroShot;
                keeping = language -> zeroShot.withOptions(ChatRewriterOptions.defaults().keepingLanguage(language));
            }
            case "in-context" -> {
                InContextRewriter inContext = inContext(run);
                rewriter = inContext;
                keeping = language -> inContext.withOptions(ChatRewriterOptions.defaults().keepingLanguage(language));
            }
            default -> throw new IllegalArgumentException("--method must be model, in-context or zero-shot, got '" + method + "'");
        }
        return new LanguageKeepingRewriter(rewriter, keeping, PromptLanguages.defaults(), languages,
                new RunListener() {
                    @Override
                    public void onEvent(RunEvent e) {
                        run.event(e.level(), e.type(), e.message(), e.data());
                    }
                }, run.id());
    }

    private RewriteMode mode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "stable" -> RewriteMode.STABLE;
            case "aggressive" -> RewriteMode.AGGRESSIVE;
            default -> throw new IllegalArgumentException("--mode must be stable or aggressive, got '" + mode + "'");
        };
    }

    private boolean embeddings() {
        return switch (similarity.toLowerCase(Locale.ROOT)) {
            case "embedding" -> true;
            case "bm25" -> false;
            default -> throw new IllegalArgumentException("--similarity must be embedding or bm25, got '" + similarity + "'");
        };
    }

    private InContextRewriter inContext(ActiveRun run) {
        if (pairs == null) {
            checkPairs(run.store());
        }
        SimilarityIndex index = Embeddings.index(pairs.stream().map(OptimizedPair::prompt).toList(), embeddings(),
                run.store().file().resolveSibling("embeddings.bin"),
                warning -> run.event(RunEvent.Level.WARN, "bpo.similarity", warning, Map.of()));
        return new InContextRewriter(rewriterModel(run), pairs, index, k, ChatRewriterOptions.defaults(),
                PromptLanguages.defaults());
    }

    /** Adds these settings, as text, to a run's stored configuration, always in the same order. */
    void describeIn(ObjectNode effective) {
        effective.put("method", String.valueOf(method));
        effective.put("mode", String.valueOf(mode));
        effective.put("pairs", pairsRun == null ? "" : pairsRun);
        effective.put("k", String.valueOf(k));
        effective.put("similarity", String.valueOf(similarity));
        effective.put("rounds", String.valueOf(rounds));
    }
}
