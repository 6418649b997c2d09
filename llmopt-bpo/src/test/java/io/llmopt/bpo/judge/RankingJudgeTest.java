package io.llmopt.bpo.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.template.BpoTemplates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference's ranking judge: its prompt, its parser's quirks, and the order it shows answers in. */
class RankingJudgeTest {

    @Test
    void thePromptIsTheReferenceFileByteForByte() throws Exception {
        // SHA-256 of src/evaluation/ranking_prompt.txt in thu-coai/BPO (commit 9bf5415)
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(BpoTemplates.JUDGE_RANKING.text().getBytes(StandardCharsets.UTF_8)));
        assertThat(sha).isEqualTo("39f1e4fe151fa092a11fa809083afdf69cc066506c479dc3b34daf1be6766b4f");
        assertThat(BpoTemplates.JUDGE_RANKING.placeholders()).containsExactlyInAnyOrder("instruction", "output_1", "output_2");
    }

    @Test
    void fillingLeavesThePythonBracesAlone() {
        String text = BpoTemplates.JUDGE_RANKING.render(Map.of("instruction", "Q {output_2}", "output_1", "first",
                "output_2", "second"));
        assertThat(text).startsWith("\n\nHuman: I want you to create a leaderboard").endsWith("Assistant:")
                .contains("\"instruction\": \"\"\"Q {output_2}\"\"\"")
                .contains("\"answer\": \"\"\"first\"\"\"").contains("\"answer\": \"\"\"second\"\"\"")
                .contains("{'model': <model-name>, 'rank': <model-rank>}");
    }

    @Test
    void theVerdictIsReadBeforeTheFirstRankAsTheReferenceReadsIt() {
        assertThat(RankingParser.parse("[{'model': 'model_1', 'rank': 1}, {'model': 'model_2', 'rank': 2}]"))
                .isEqualTo(Verdict.A);
        assertThat(RankingParser.parse("[{'model': 'model_2', 'rank': 1}, {'model': 'model_1', 'rank': 2}]"))
                .isEqualTo(Verdict.B);
        // the reference's quirk: a reply that says "rank" before naming a model has no verdict
        assertThat(RankingParser.parse("I would rank model_1 first")).isEqualTo(Verdict.NONE);
        assertThat(RankingParser.parse("Both are equally good.")).isEqualTo(Verdict.NONE);
        assertThat(RankingParser.parse("model_1 and model_2 are close; rank: model_2")).isEqualTo(Verdict.A);
    }
}
