package io.llmopt.bpo.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.bpo.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parity: every shipped template must equal, byte for byte, the text in shared/reference/templates.md. */
class BpoTemplatesTest {

    private static String bpoSection;

    @BeforeAll
    static void readReference() throws IOException {
        String md = Files.readString(SharedData.dir().resolve("reference/templates.md"));
        bpoSection = md.substring(md.indexOf("## BPO 1."), md.indexOf("## Grading settings"));
    }

    private static List<String> codeBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```\n(.*?)\n```", Pattern.DOTALL).matcher(bpoSection);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void pairTemplatesMatchTheReferenceIncludingTheTrailingSpace() {
        assertThat(BpoTemplates.PAIR_NO_CONTEXT.text()).isEqualTo(codeBlocks().get(0));
        assertThat(BpoTemplates.PAIR_WITH_CONTEXT.text()).isEqualTo(codeBlocks().get(1));
        assertThat(BpoTemplates.PAIR_NO_CONTEXT.text()).contains("rather than \"bad response\". \n\nPay attention to:");
        assertThat(BpoTemplates.PAIR_WITH_CONTEXT.text()).contains("rather than \"bad response\". \n\nPay attention to:");
        assertThat(BpoTemplates.PAIR_NO_CONTEXT.text()).endsWith("Optimized Instruction: xxx [END]");
        assertThat(BpoTemplates.PAIR_NO_CONTEXT.placeholders()).containsExactlyInAnyOrder("instruction", "bad_res", "good_res");
        assertThat(BpoTemplates.PAIR_WITH_CONTEXT.placeholders())
                .containsExactlyInAnyOrder("instruction", "context", "bad_res", "good_res");
    }

    @Test
    void rewriterTemplateMatchesTheReference() {
        Matcher m = Pattern.compile("Template: `(.*?)`\n").matcher(bpoSection);
        assertThat(m.find()).isTrue();
        assertThat(BpoTemplates.REWRITER.text()).isEqualTo(m.group(1).replace("\\n", "\n"));
        assertThat(BpoTemplates.REWRITER.render(Map.of("prompt", "how can I create a profile on Facebook?")))
                .isEqualTo("[INST] You are an expert prompt engineer. Please help me improve this prompt to get a more "
                        + "helpful and harmless response:\nhow can I create a profile on Facebook? [/INST]");
    }

    @Test
    void judgeTemplatesMatchTheReference() {
        Matcher m = Pattern.compile("System:\n`(.*?)`\n").matcher(bpoSection);
        assertThat(m.find()).isTrue();
        assertThat(BpoTemplates.JUDGE_SYSTEM.text()).isEqualTo(m.group(1));
        assertThat(BpoTemplates.JUDGE_SYSTEM.placeholders()).isEmpty();
        assertThat(BpoTemplates.JUDGE_USER.text()).isEqualTo(codeBlocks().get(2));
    }

    @Test
    void renderingIsOnePassSoBracesInValuesSurvive() {
        String rendered = BpoTemplates.JUDGE_USER.render(Map.of(
                "question", "Fill in {answer_a} please", "answer_a", "A says {answer_b}", "answer_b", "B"));
        assertThat(rendered).isEqualTo("[User Question]\nFill in {answer_a} please\n\n"
                + "[The Start of Assistant A's Answer]\nA says {answer_b}\n[The End of Assistant A's Answer]\n\n"
                + "[The Start of Assistant B's Answer]\nB\n[The End of Assistant B's Answer]");
    }

    @Test
    void missingValueIsAnError() {
        assertThatThrownBy(() -> BpoTemplates.REWRITER.render(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{prompt}");
    }
}
