package io.llmopt.bpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.judge.EvalItem;
import io.llmopt.bpo.judge.EvalSummary;
import io.llmopt.bpo.judge.JudgedItem;
import io.llmopt.bpo.language.PromptLanguages;
import io.llmopt.core.stats.CategoryRate;
import io.llmopt.core.stats.WinTieLose;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an eval: win/tie/lose of the rewritten prompt with 95% Wilson intervals, overall
 * and per category, the judge's position consistency, and the reference's random-order figures
 * next to them.
 *
 * @param method      the judging method the headline figures come from
 * @param summary     the headline figures
 * @param randomOrder the reference method's figures (from the same calls under two-order judging)
 * @param failed      records whose calls failed and are left for a re-run
 */
public record EvalReport(JudgeMethod method, EvalSummary summary, EvalSummary randomOrder, Map<String, WinTieLose> byLanguage,
                         long failed) {

    /** Where a prompt's language does not tell. */
    public static final String NO_LANGUAGE = "(unclear)";

    static EvalReport of(JudgeMethod method, List<JsonNode> judgements, long failed) {
        List<JudgedItem> headline = judgements.stream().map(JudgementItems::judged).toList();
        List<JudgedItem> random = judgements.stream().map(JudgementItems::randomOrder).toList();
        // per language of the original prompt: the same table with the language in place of the category
        List<JudgedItem> byLanguage = headline.stream().map(j -> new JudgedItem(new EvalItem(j.item().id(),
                PromptLanguages.defaults().of(j.item().question()).orElse(NO_LANGUAGE), j.item().question(),
                j.item().originalResponse(), j.item().rewrittenResponse()), j.outcome(), j.verdicts())).toList();
        return new EvalReport(method, EvalSummary.of(headline), EvalSummary.of(random),
                EvalSummary.of(byLanguage).byCategory(), failed);
    }

    /** The win rate: the share of comparisons the rewritten prompt won. */
    public double winRate() {
        return summary.overall().winRate().rate();
    }

    /** The lower end of the win rate's 95% interval. */
    public double winRateLowerBound() {
        return summary.overall().winRate().interval().lower();
    }

    /**
     * {@code {method, n, win, tie, lose, win_ci, tie_ci, lose_ci, counts, consistency,
     * consistency_ci, failed, per_category: {name: {...}}, random_order: {...}}}; rates are
     * fractions, intervals {@code [lo, hi]}.
     */
    public JsonNode toJson() {
        ObjectNode root = StageLog.JSON.createObjectNode().put("method", method.name().toLowerCase(Locale.ROOT));
        rates(root, summary.overall());
        summary.positionConsistency().ifPresentOrElse(c -> {
            root.put("consistency", c.rate());
            root.putArray("consistency_ci").add(c.interval().lower()).add(c.interval().upper());
        }, () -> root.putNull("consistency"));
        root.put("failed", failed);
        ObjectNode perCategory = root.putObject("per_category");
        summary.byCategory().forEach((name, wtl) -> rates(perCategory.putObject(name), wtl));
        ObjectNode perLanguage = root.putObject("per_language");
        byLanguage.forEach((name, wtl) -> rates(perLanguage.putObject(name), wtl));
        rates(root.putObject("random_order"), randomOrder.overall());
        return root;
    }

    private static void rates(ObjectNode node, WinTieLose wtl) {
        node.put("n", wtl.total());
        put(node, "win", wtl.winRate());
        put(node, "tie", wtl.tieRate());
        put(node, "lose", wtl.loseRate());
        node.putObject("counts").put("win", wtl.wins()).put("tie", wtl.ties()).put("lose", wtl.losses()).put("invalid", wtl.invalid());
    }

    private static void put(ObjectNode node, String name, CategoryRate rate) {
        node.put(name, rate.rate());
        node.putArray(name + "_ci").add(rate.interval().lower()).add(rate.interval().upper());
    }

    /**
     * The figure the paper reports, first: the optimized prompt's win, tie and lose rates over every
     * judged item, unreadable verdicts in no bucket but in the denominator, as the reference's
     * scoring script counts them.
     */
    public String paperHeadline() {
        WinTieLose w = summary.overall();
        return String.format(Locale.ROOT, "paper figure (%s): optimized prompt wins %.1f%%, ties %.1f%%, loses %.1f%% of %d"
                        + " comparison(s)%s%n", method == JudgeMethod.RANKING ? "ranking judge, one call per item"
                        : method == JudgeMethod.RANDOM_ORDER ? "one judge call per item in random order" : "both orders",
                100 * w.winRate().rate(), 100 * w.tieRate().rate(), 100 * w.loseRate().rate(), w.total(),
                w.invalid() > 0 ? "; " + w.invalid() + " unreadable verdict(s) counted in no bucket, as the reference does" : "");
    }

    /** The plain-text table of {@link EvalSummary#render()}, with the reference method's line. */
    public String render() {
        WinTieLose r = randomOrder.overall();
        StringBuilder languages = new StringBuilder();
        if (byLanguage.size() > 1) {
            byLanguage.forEach((name, wtl) -> languages.append(String.format(Locale.ROOT,
                    "language %-15s n=%-4d win %5.1f%%  tie %5.1f%%  lose %5.1f%%%n", name, wtl.total(),
                    100 * wtl.winRate().rate(), 100 * wtl.tieRate().rate(), 100 * wtl.loseRate().rate())));
        }
        return summary.render() + languages + String.format(Locale.ROOT, "random order (reference) win %.1f%%  tie %.1f%%  lose %.1f%%%n",
                100 * r.winRate().rate(), 100 * r.tieRate().rate(), 100 * r.loseRate().rate())
                + (failed > 0 ? failed + " record(s) failed; re-run to retry them\n" : "");
    }
}
