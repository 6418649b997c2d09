package io.llmopt.bpo.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.MessageRole;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JudgeTest {

    private static final Pattern QUALITY = Pattern.compile("quality=(\\d+)");

    /**
     * A judge with a strong first-position bias: it sees the true quality of each answer
     * ("quality=N" in the text) but only notices a gap of 3 or more; otherwise it says [[A]].
     */
    private static ScriptedLanguageModel positionBiasedJudge() {
        return ScriptedLanguageModel.replying(request -> {
            String user = request.lastUserContent();
            int a = quality(between(user, "[The Start of Assistant A's Answer]", "[The End of Assistant A's Answer]"));
            int b = quality(between(user, "[The Start of Assistant B's Answer]", "[The End of Assistant B's Answer]"));
            String verdict = b - a >= 3 ? "[[B]]" : "[[A]]"; // a clearly better A, or a close call: A
            return List.of("Comparing the two answers.\n\n" + verdict);
        });
    }

    private static String between(String text, String start, String end) {
        return text.substring(text.indexOf(start) + start.length(), text.indexOf(end));
    }

    private static int quality(String answer) {
        Matcher m = QUALITY.matcher(answer);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** 10 items the rewrite clearly wins, 5 it clearly loses, 45 of equal quality. */
    private static List<EvalItem> items() {
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int original = 5;
            int rewritten = i < 10 ? 9 : i < 15 ? 1 : 5;
            items.add(new EvalItem("q" + i, i % 2 == 0 ? "even" : "odd", "Question " + i,
                    "answer quality=" + original, "answer quality=" + rewritten));
        }
        return items;
    }

    @Test
    void judgeRequestIsPairV2AtTemperatureZero() {
        ChatRequest request = JudgePrompt.request("Q?", "first", "second");
        assertThat(request.temperature()).isZero();
        assertThat(request.messages()).extracting(m -> m.role()).containsExactly(MessageRole.SYSTEM, MessageRole.USER);
        assertThat(request.messages().getFirst().content()).isEqualTo(BpoTemplates.JUDGE_SYSTEM.text());
        assertThat(request.lastUserContent()).isEqualTo("[User Question]\nQ?\n\n[The Start of Assistant A's Answer]\nfirst\n"
                + "[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\nsecond\n[The End of Assistant B's Answer]");
    }

    @Test
    void twoOrderJudgingRemovesPositionBias() {
        ScriptedLanguageModel judge = positionBiasedJudge();
        List<JudgedItem> judged = new TwoOrderJudge(judge).judgeAll(items()).join();
        EvalSummary summary = EvalSummary.of(judged);

        assertThat(judge.requests()).hasSize(120);
        assertThat(summary.overall()).isEqualTo(new io.llmopt.core.stats.WinTieLose(10, 45, 5, 0));
        assertThat(judged.subList(15, 60)).allSatisfy(j -> assertThat(j.outcome()).isEqualTo(Outcome.TIE));
        // The judge contradicted itself on every equal pair and agreed on every clear one.
        assertThat(summary.positionConsistency()).hasValueSatisfying(c -> {
            assertThat(c.count()).isEqualTo(15);
            assertThat(c.total()).isEqualTo(60);
        });
        assertThat(summary.byCategory()).containsOnlyKeys("even", "odd");
        assertThat(summary.byCategory().get("even").total()).isEqualTo(30);
    }

    @Test
    void singleRandomOrderJudgingTurnsTheBiasIntoSpuriousWinsAndLosses() {
        List<JudgedItem> judged = new RandomOrderJudge(positionBiasedJudge(), 7).judgeAll(items()).join();
        EvalSummary summary = EvalSummary.of(judged);

        // No ties at all, though 45 of 60 pairs are equal: each goes to whichever answer was shown first.
        assertThat(summary.overall().ties()).isZero();
        List<JudgedItem> equal = judged.subList(15, 60);
        assertThat(equal).allSatisfy(j -> assertThat(j.outcome())
                .isEqualTo(j.verdicts().getFirst().rewrittenFirst() ? Outcome.WIN : Outcome.LOSE));
        assertThat(summary.overall().wins()).isGreaterThan(10 + 10);
        assertThat(summary.positionConsistency()).isEmpty();
        assertThat(judged.subList(0, 15)).extracting(JudgedItem::outcome)
                .containsOnly(Outcome.WIN, Outcome.LOSE).filteredOn(o -> o == Outcome.WIN).hasSize(10);
    }

    @Test
    void randomOrderIsSeededPerItem() {
        RandomOrderJudge a = new RandomOrderJudge(positionBiasedJudge(), 3);
        RandomOrderJudge b = new RandomOrderJudge(positionBiasedJudge(), 3);
        List<Boolean> orders = items().stream().map(a::rewrittenFirst).toList();
        assertThat(items().stream().map(b::rewrittenFirst).toList()).isEqualTo(orders);
        assertThat(orders).contains(true, false);
        long first = orders.stream().filter(x -> x).count();
        assertThat(first).isBetween(15L, 45L);
    }

    @Test
    void aMissingVerdictMakesTheItemInvalidAndStaysInTheDenominator() {
        ScriptedLanguageModel judge = ScriptedLanguageModel.replying(r -> List.of(r.lastUserContent().contains("Question 0") ? "I cannot decide." : "ok\n\n[[C]]"));
        List<JudgedItem> judged = new TwoOrderJudge(judge).judgeAll(items().subList(0, 4)).join();
        EvalSummary summary = EvalSummary.of(judged);
        assertThat(judged.getFirst().outcome()).isEqualTo(Outcome.INVALID);
        assertThat(summary.overall()).isEqualTo(new io.llmopt.core.stats.WinTieLose(0, 3, 0, 1));
        assertThat(summary.overall().tieRate().rate()).isCloseTo(0.75, within(1e-12));
        assertThat(summary.positionConsistency()).hasValueSatisfying(c -> assertThat(c.total()).isEqualTo(3));
        assertThat(summary.render()).contains("overall").contains("invalid 1").contains("tie  75.0%");
    }

    @Test
    void combineRule() {
        OrderedVerdict winAsB = new OrderedVerdict(false, Verdict.B, "");
        OrderedVerdict winAsA = new OrderedVerdict(true, Verdict.A, "");
        OrderedVerdict loseAsA = new OrderedVerdict(true, Verdict.B, "");
        OrderedVerdict tie = new OrderedVerdict(true, Verdict.TIE, "");
        assertThat(TwoOrderJudge.combine(winAsB, winAsA)).isEqualTo(Outcome.WIN);
        assertThat(TwoOrderJudge.combine(winAsB, loseAsA)).isEqualTo(Outcome.TIE);
        assertThat(TwoOrderJudge.combine(winAsB, tie)).isEqualTo(Outcome.TIE);
        assertThat(TwoOrderJudge.combine(new OrderedVerdict(false, Verdict.A, ""), loseAsA)).isEqualTo(Outcome.LOSE);
    }
}
