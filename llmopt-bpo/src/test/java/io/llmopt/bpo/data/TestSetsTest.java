package io.llmopt.bpo.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSetsTest {

    @Test
    void vicunaEval() {
        ReadResult<EvalPrompt> r = TestSets.vicunaEval(SharedData.bpo("testset/vicuna_eval.jsonl"));
        assertThat(r.records()).hasSize(80);
        assertThat(r.report().clean()).isTrue();
        assertThat(r.records().getFirst())
                .isEqualTo(new EvalPrompt("1", "How can I improve my time management skills?", "generic"));
        assertThat(r.records()).extracting(EvalPrompt::category).doesNotContainNull();
    }

    @Test
    void dollyEvalJoinsInstructionAndContext() {
        ReadResult<EvalPrompt> r = TestSets.dollyEval(SharedData.bpo("testset/dolly_eval.json"));
        assertThat(r.records()).hasSize(200);
        EvalPrompt first = r.records().getFirst();
        assertThat(first.id()).isEqualTo("0");
        assertThat(first.category()).isEqualTo("information_extraction");
        assertThat(first.prompt()).startsWith("Who owns the largest share of the Vancouver Whitecaps FC?\nVancouver Whitecaps FC is owned");
        assertThat(r.records()).allSatisfy(p -> assertThat(p.prompt()).isEqualTo(p.prompt().strip()));
    }

    @Test
    void selfInstructEval() {
        ReadResult<EvalPrompt> r = TestSets.selfInstructEval(SharedData.bpo("testset/self_instruct_eval.json"));
        assertThat(r.records()).hasSize(252);
        assertThat(r.records().getFirst().id()).isEqualTo("user_oriented_task_0");
        assertThat(r.records().getFirst().category()).isEqualTo("Grammarly");
        assertThat(r.records().getFirst().prompt()).endsWith("\nIf you have any questions about my rate or if you find it "
                + "necessary to increase or decrease the scope for this project, please let me know.");
    }

    @Test
    void bpoTest() {
        ReadResult<BpoTestExample> r = TestSets.bpoTest(SharedData.bpo("testset/bpo_test.json"));
        assertThat(r.records()).hasSize(200);
        BpoTestExample first = r.records().getFirst();
        assertThat(first.id()).isEqualTo("0");
        assertThat(first.prompt()).isEqualTo("Complete the lyrics of the following song\nOh stars in the night,");
        assertThat(first.badResponse()).isEqualTo("Shine so bright and guide me right.");
        assertThat(r.records().get(2).optimizedPrompt()).startsWith("Rewrite the following general statement about the impact");
    }

    @Test
    void userJsonlWithOptionalFieldsAndABadLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("mine.jsonl"), """
                {"q": "Write a haiku about rain.", "topic": "poetry"}
                {"q": "   "}
                {"q": "Translate 'cat' to French."}
                """);
        ReadResult<EvalPrompt> r = TestSets.prompts(file, new PromptFields("q", null, null, "topic"));
        assertThat(r.records()).containsExactly(
                new EvalPrompt("0", "Write a haiku about rain.", "poetry"),
                new EvalPrompt("2", "Translate 'cat' to French.", null));
        assertThat(r.report().skipped()).isEqualTo(1);
        assertThat(r.report().problems().getFirst().location().line()).isEqualTo(2);
    }
}
