package io.llmopt.bpo.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.MessageRole;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RewritersTest {

    private static final String PROMPT = "how can I create a profile on Facebook?";

    @Test
    void stableModeSendsTheInstTemplateWithOneSampleAtPointSix() {
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("  How can I create a Facebook profile? Please give step-by-step instructions.  ");
        Rewrite rewrite = new ModelRewriter(model).rewrite(PROMPT).join();
        ChatRequest request = model.requests().getFirst();
        assertThat(request.lastUserContent()).isEqualTo("[INST] You are an expert prompt engineer. Please help me improve this "
                + "prompt to get a more helpful and harmless response:\n" + PROMPT + " [/INST]");
        assertThat(request.temperature()).isEqualTo(0.6);
        assertThat(request.topP()).isEqualTo(0.9);
        assertThat(request.n()).isEqualTo(1);
        assertThat(request.maxTokens()).isEqualTo(1024);
        assertThat(rewrite.rewritten()).isEqualTo("How can I create a Facebook profile? Please give step-by-step instructions.");
    }

    @Test
    void aggressiveModeTakesFiveSamplesAndCutsMarkerLeftovers() {
        ScriptedLanguageModel model = ScriptedLanguageModel.replying(r -> List.of(
                "Explain how to create a Facebook profile. [KEEP] how can I",
                "Describe the steps [INSTRUCTION] to sign up",
                "",
                "Provide a detailed guide to setting up a Facebook profile, including privacy settings.[PROTECT]x",
                "Explain [/INST] leftover"));
        Rewrite rewrite = new ModelRewriter(model, RewriteMode.AGGRESSIVE, SampleChoice.FIRST).rewrite(PROMPT).join();
        ChatRequest request = model.requests().getFirst();
        assertThat(request.n()).isEqualTo(5);
        assertThat(request.temperature()).isEqualTo(0.9);
        assertThat(request.topP()).isEqualTo(0.9);
        assertThat(rewrite.candidates()).containsExactly(
                "Explain how to create a Facebook profile.", "Describe the steps", "",
                "Provide a detailed guide to setting up a Facebook profile, including privacy settings.", "Explain");
        assertThat(rewrite.rewritten()).isEqualTo("Explain how to create a Facebook profile.");

        Rewrite longest = new ModelRewriter(model, RewriteMode.AGGRESSIVE, SampleChoice.LONGEST).rewrite(PROMPT).join();
        assertThat(longest.rewritten()).startsWith("Provide a detailed guide");
    }

    @Test
    void echoedPromptsAreRemovedAndEmptyOutputKeepsTheOriginal() {
        assertThat(RewriterOutput.clean("[INST] You are ... :\nhi [/INST] Say hello politely.", RewriteMode.STABLE))
                .isEqualTo("Say hello politely.");
        assertThat(RewriterOutput.clean("Keep [KEEP] this", RewriteMode.STABLE)).isEqualTo("Keep [KEEP] this");
        Rewrite empty = new ModelRewriter(ScriptedLanguageModel.constant("   ")).rewrite(PROMPT).join();
        assertThat(empty.rewritten()).isEqualTo(PROMPT);
        assertThat(empty.unchanged()).isTrue();
    }

    @Test
    void inContextRewriterShowsTheMostSimilarPairsAsTurns() {
        List<OptimizedPair> pairs = List.of(
                new OptimizedPair("1", "how do I bake bread", "Give a step-by-step recipe for baking bread at home.", "", null),
                new OptimizedPair("2", "write a poem about the sea", "Write a vivid 12-line poem about the sea at night.", "", null),
                new OptimizedPair("3", "how can I delete my Facebook account", "Explain step by step how to delete a Facebook account.", "", null));
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("\"Explain step by step how to create a Facebook profile.\"");
        InContextRewriter rewriter = InContextRewriter.withBm25(model, pairs, 2, ChatRewriterOptions.defaults());
        // "how" and "i" also match the bread question, more weakly; the poem shares nothing.
        assertThat(rewriter.examplesFor(PROMPT)).extracting(OptimizedPair::recordId).containsExactly("3", "1");

        Rewrite rewrite = rewriter.rewrite(PROMPT).join();
        List<ChatMessage> messages = model.requests().getFirst().messages();
        assertThat(messages).extracting(ChatMessage::role).containsExactly(
                MessageRole.SYSTEM, MessageRole.USER, MessageRole.ASSISTANT, MessageRole.USER, MessageRole.ASSISTANT,
                MessageRole.USER);
        assertThat(messages.get(1).content()).endsWith("\nhow do I bake bread");
        assertThat(messages.get(3).content()).isEqualTo("You are an expert prompt engineer. Please help me improve this prompt "
                + "to get a more helpful and harmless response:\nhow can I delete my Facebook account");
        assertThat(messages.get(4).content()).isEqualTo("Explain step by step how to delete a Facebook account.");
        assertThat(messages.get(5).content()).endsWith("\n" + PROMPT).doesNotContain("[INST]");
        assertThat(rewrite.rewritten()).isEqualTo("Explain step by step how to create a Facebook profile.");
    }

    @Test
    void zeroShotSendsTheInstructionAlone() {
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("Better prompt");
        new ZeroShotRewriter(model, ChatRewriterOptions.defaults()).rewrite(PROMPT).join();
        assertThat(model.requests().getFirst().messages()).extracting(ChatMessage::role)
                .containsExactly(MessageRole.SYSTEM, MessageRole.USER);
    }

    @Test
    void iterativeRewritingFeedsEachRoundIntoTheNextAndKeepsAll() {
        AtomicInteger calls = new AtomicInteger();
        PromptRewriter appendRound = prompt -> java.util.concurrent.CompletableFuture.completedFuture(
                new Rewrite(prompt, prompt + " +r" + calls.incrementAndGet(), List.of()));
        IterativeRewrite result = new IterativeRewriter(appendRound, 3).rewrite("p").join();
        assertThat(result.rounds()).extracting(Rewrite::original).containsExactly("p", "p +r1", "p +r1 +r2");
        assertThat(result.after(0)).isEqualTo("p");
        assertThat(result.after(2)).isEqualTo("p +r1 +r2");
        assertThat(result.last()).isEqualTo("p +r1 +r2 +r3");
    }
}
