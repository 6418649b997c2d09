package io.llmopt.bpo.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextAttachmentTest {

    private static final ContextAttachment REF = ContextAttachment.REFERENCE;

    @Test
    void noOrEmptyContextKeepsTheInstructions() {
        assertThat(REF.attach("Do X", null, "Do X well", new Random(0))).isEqualTo(new ContextAttachment.Prompts("Do X", "Do X well"));
        assertThat(REF.attach("Do X", "", "Do X well", new Random(0))).isEqualTo(new ContextAttachment.Prompts("Do X", "Do X well"));
    }

    @Test
    void contextAlreadyInTheOptimizedTextIsAddedOnlyToTheOriginal() {
        var p = REF.attach("Summarise:", "The CAT sat.", "Summarise this sentence: the cat sat.", new Random(0));
        assertThat(p).isEqualTo(new ContextAttachment.Prompts("Summarise:\nThe CAT sat.", "Summarise this sentence: the cat sat."));
    }

    @Test
    void followOrColonForcesInstructionNewlineContext() {
        assertThat(REF.attach("Translate the following", "Hola", "Translate into English", new Random(0)))
                .isEqualTo(new ContextAttachment.Prompts("Translate the following\nHola", "Translate into English\nHola"));
        assertThat(REF.attach("Translate:", "Hola", "Translate into English", new Random(0)))
                .isEqualTo(new ContextAttachment.Prompts("Translate:\nHola", "Translate into English\nHola"));
    }

    @Test
    void otherwiseLayoutsAreDrawnWithTheReferenceShares() {
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(42);
        int n = 32_000;
        for (int i = 0; i < n; i++) {
            var p = REF.attach("Sum up", "CTX", "Sum up briefly", random);
            String layout = p.prompt().replace("Sum up", "I").replace("CTX", "C");
            assertThat(p.optimizedPrompt().replace("Sum up briefly", "I").replace("CTX", "C")).isEqualTo(layout);
            counts.merge(layout, 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("I\nC", "C\nI", "I C", "C I", "I \"C\"", "\"C\" I");
        assertShare(counts.get("I\nC"), n, 1 / 4.0);
        assertShare(counts.get("C\nI"), n, 1 / 4.0);
        assertShare(counts.get("I C"), n, 1 / 16.0);
        assertShare(counts.get("C I"), n, 1 / 16.0);
        assertShare(counts.get("I \"C\""), n, 3 / 16.0);
        assertShare(counts.get("\"C\" I"), n, 3 / 16.0);
    }

    @Test
    void deterministicModeAlwaysUsesInstructionNewlineContext() {
        var p = ContextAttachment.INSTRUCTION_NEWLINE_CONTEXT.attach("Sum up", "CTX", "Sum up briefly", new Random(1));
        assertThat(p).isEqualTo(new ContextAttachment.Prompts("Sum up\nCTX", "Sum up briefly\nCTX"));
    }

    private static void assertShare(int count, int n, double expected) {
        assertThat((double) count / n).isBetween(expected - 0.01, expected + 0.01);
    }
}
