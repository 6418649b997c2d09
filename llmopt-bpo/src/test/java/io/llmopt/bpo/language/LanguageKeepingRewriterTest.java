package io.llmopt.bpo.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.bpo.rewrite.InContextRewriter;
import io.llmopt.bpo.rewrite.Rewrite;
import io.llmopt.bpo.rewrite.SimilarityIndex;
import io.llmopt.bpo.rewrite.ZeroShotRewriter;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rewrite stays in the prompt's language, and in-context examples come in it first. */
class LanguageKeepingRewriterTest {

    private static final String ZH = "请解释一下量子计算的基本原理";
    private final PromptLanguages languages = PromptLanguages.defaults();

    /** Answers in English unless told to keep Chinese. */
    private final ScriptedLanguageModel model = ScriptedLanguageModel.replying(request -> {
        boolean told = request.messages().getFirst().content().contains("write the improved prompt in Chinese too");
        return List.of(told ? "请用通俗易懂的语言详细解释量子计算的基本原理，并举例说明。"
                : "Please explain the basic principles of quantum computing in simple terms, with examples.");
    });

    @Test
    void aSwitchedRewriteIsAskedAgainToldTheLanguageAndCounted() {
        ZeroShotRewriter zeroShot = new ZeroShotRewriter(model, ChatRewriterOptions.defaults());
        LanguageTally tally = new LanguageTally();
        LanguageKeepingRewriter rewriter = new LanguageKeepingRewriter(zeroShot,
                lang -> zeroShot.withOptions(ChatRewriterOptions.defaults().keepingLanguage(lang)), languages, tally, null, null);
        Rewrite r = rewriter.rewrite(ZH).join();
        assertThat(languages.of(r.rewritten())).contains("zh");
        assertThat(r.candidates()).hasSize(2);
        assertThat(tally.switchedCount()).isEqualTo(1);
        assertThat(tally.fixedCount()).isEqualTo(1);
        assertThat(tally.summary()).contains("1 of 1 rewrite(s) came back in another language; 1 kept");
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void aPromptInTheSameLanguageIsLeftAlone() {
        ZeroShotRewriter zeroShot = new ZeroShotRewriter(model, ChatRewriterOptions.defaults());
        LanguageTally tally = new LanguageTally();
        Rewrite r = new LanguageKeepingRewriter(zeroShot, lang -> zeroShot, languages, tally, null, null)
                .rewrite("Explain quantum computing").join();
        assertThat(r.candidates()).hasSize(1);
        assertThat(tally.summary()).isEmpty();
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void aRewriterThatCannotBeToldIsOnlyCounted() {
        LanguageTally tally = new LanguageTally();
        Rewrite r = new LanguageKeepingRewriter(prompt -> java.util.concurrent.CompletableFuture.completedFuture(
                new Rewrite(prompt, "Explain quantum computing in detail.", List.of("Explain quantum computing in detail."))),
                null, languages, tally, null, null).rewrite(ZH).join();
        assertThat(r.rewritten()).startsWith("Explain");
        assertThat(tally.switchedCount()).isEqualTo(1);
        assertThat(tally.fixedCount()).isZero();
    }

    @Test
    void inContextExamplesInThePromptsLanguageComeFirst() {
        List<OptimizedPair> pairs = List.of(
                new OptimizedPair("en", "Explain how photosynthesis works", "Explain photosynthesis step by step.", "", null),
                new OptimizedPair("de", "Erkläre, wie die Photosynthese funktioniert", "Erkläre die Photosynthese Schritt für Schritt.", "", null));
        SimilarityIndex englishFirst = new SimilarityIndex() {
            @Override
            public List<Hit> search(String query, int k) {
                return List.of(new Hit(0, 2.0), new Hit(1, 1.0)).subList(0, Math.min(k, 2));
            }

            @Override
            public int size() {
                return 2;
            }
        };
        InContextRewriter rewriter = new InContextRewriter(model, pairs, englishFirst, 1, ChatRewriterOptions.defaults(), languages);
        assertThat(rewriter.examplesFor("Wie funktioniert die Photosynthese bei Pflanzen im Winter?"))
                .extracting(OptimizedPair::recordId).containsExactly("de");
        assertThat(rewriter.examplesFor("How does photosynthesis work in winter?"))
                .extracting(OptimizedPair::recordId).containsExactly("en");
        InContextRewriter languageBlind = new InContextRewriter(model, pairs, englishFirst, 1, ChatRewriterOptions.defaults());
        assertThat(languageBlind.examplesFor("Wie funktioniert die Photosynthese bei Pflanzen im Winter?"))
                .extracting(OptimizedPair::recordId).containsExactly("en");
    }
}
