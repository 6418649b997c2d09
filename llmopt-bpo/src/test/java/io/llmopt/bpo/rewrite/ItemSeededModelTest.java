package io.llmopt.bpo.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.testkit.ScriptedLanguageModel;
import org.junit.jupiter.api.Test;

class ItemSeededModelTest {

    @Test
    void aSampledRewriteCarriesASeedFromTheRunSeedAndTheItemTheSameAfterAResume() {
        ScriptedLanguageModel first = ScriptedLanguageModel.constant("rewritten");
        new ModelRewriter(new ItemSeededModel(first, 7), RewriteMode.AGGRESSIVE, SampleChoice.FIRST).rewrite("Tell me a joke").join();
        new ModelRewriter(new ItemSeededModel(first, 7), RewriteMode.AGGRESSIVE, SampleChoice.FIRST).rewrite("Explain tides").join();
        ScriptedLanguageModel resumed = ScriptedLanguageModel.constant("rewritten");
        new ModelRewriter(new ItemSeededModel(resumed, 7), RewriteMode.AGGRESSIVE, SampleChoice.FIRST).rewrite("Explain tides").join();

        assertThat(first.requests()).extracting(ChatRequest::seed).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(resumed.requests().getFirst().seed()).isEqualTo(first.requests().get(1).seed());
        ChatRequest request = first.requests().getFirst().withSeed(null);
        assertThat(ItemSeededModel.seedFor(8, request)).isNotEqualTo(ItemSeededModel.seedFor(7, request));
    }

    @Test
    void greedyRequestsAndRequestsWithTheirOwnSeedAreLeftAlone() {
        ScriptedLanguageModel model = ScriptedLanguageModel.constant("r");
        new ItemSeededModel(model, 7).chat(ChatRequest.builder().user("x").temperature(0).build()).join();
        new ItemSeededModel(model, 7).chat(ChatRequest.builder().user("x").temperature(0.9).seed(3L).build()).join();
        assertThat(model.requests()).extracting(ChatRequest::seed).containsExactly(null, 3L);
    }
}
