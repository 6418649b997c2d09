package io.llmopt.bpo.language;

import io.llmopt.bpo.rewrite.PromptRewriter;
import io.llmopt.bpo.rewrite.Rewrite;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps a rewrite in the prompt's language (what BPO's users ask for: its rewriter turns Chinese
 * prompts into English ones). A rewrite in another language is counted and told to the run; among
 * several samples one in the prompt's language is taken; otherwise the rewriter is asked once more,
 * told which language to keep. A prompt whose language does not tell is left alone.
 */
public final class LanguageKeepingRewriter implements PromptRewriter {

    private final PromptRewriter rewriter;
    private final Function<String, PromptRewriter> keepingLanguage;
    private final PromptLanguages languages;
    private final LanguageTally tally;
    private final RunListener listener;
    private final String runId;

    /**
     * @param keepingLanguage the rewriter told to write in the named language, or null when it
     *                        cannot be told (a trained rewriter model): then a switch is only counted
     */
    public LanguageKeepingRewriter(PromptRewriter rewriter, Function<String, PromptRewriter> keepingLanguage,
                                   PromptLanguages languages, LanguageTally tally, RunListener listener, String runId) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.keepingLanguage = keepingLanguage;
        this.languages = Objects.requireNonNull(languages, "languages");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.listener = listener == null ? RunListener.NONE : listener;
        this.runId = runId;
    }

    @Override
    public CompletableFuture<Rewrite> rewrite(String prompt) {
        return rewriter.rewrite(prompt).thenCompose(first -> {
            Optional<String> language = languages.of(prompt);
            tally.checked();
            if (language.isEmpty() || !languages.switched(prompt, first.rewritten())) {
                return CompletableFuture.completedFuture(first);
            }
            tally.switched();
            String lang = language.get();
            for (String candidate : first.candidates()) {
                if (languages.of(candidate).filter(lang::equals).isPresent()) {
                    tally.fixed();
                    event("language.sample", "took a sample in the prompt's language", prompt, lang);
                    return CompletableFuture.completedFuture(new Rewrite(prompt, candidate, first.candidates()));
                }
            }
            if (keepingLanguage == null) {
                event("language.switch", "the rewrite is in another language than the prompt", prompt, lang);
                return CompletableFuture.completedFuture(first);
            }
            return keepingLanguage.apply(PromptLanguages.name(lang)).rewrite(prompt).thenApply(second -> {
                boolean kept = !languages.switched(prompt, second.rewritten());
                if (kept) {
                    tally.fixed();
                }
                event(kept ? "language.retry" : "language.switch", kept ? "asked again, the rewrite kept the prompt's language"
                        : "asked again, the rewrite is still in another language", prompt, lang);
                List<String> all = new ArrayList<>(first.candidates());
                all.addAll(second.candidates());
                return new Rewrite(prompt, kept ? second.rewritten() : first.rewritten(), all);
            });
        });
    }

    private void event(String type, String message, String prompt, String language) {
        if (runId != null) {
            listener.onEvent(RunEvent.info(runId, type, message, Map.of("language", language,
                    "prompt", prompt.length() > 80 ? prompt.substring(0, 80) + "..." : prompt)));
        }
    }
}
