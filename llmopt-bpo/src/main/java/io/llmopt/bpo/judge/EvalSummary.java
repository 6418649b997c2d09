package io.llmopt.bpo.judge;

import io.llmopt.core.stats.CategoryRate;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.stats.WinTieLose;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Win/tie/lose of the rewritten prompt over a test set, overall and per category, each rate with a
 * 95% Wilson interval (invalid verdicts stay in the denominator), and how often the judge agreed
 * with itself when the order was swapped.
 *
 * @param overall             counts over all items
 * @param byCategory          counts per category, sorted by name; items without a category are
 *                            under {@link #UNCATEGORISED}
 * @param positionConsistency share of two-order items whose verdicts agree once the swap is undone,
 *                            empty when no item was judged in both orders
 */
public record EvalSummary(WinTieLose overall, Map<String, WinTieLose> byCategory, Optional<CategoryRate> positionConsistency) {

    public static final String UNCATEGORISED = "(none)";

    public EvalSummary {
        byCategory = Collections.unmodifiableMap(new TreeMap<>(byCategory));
    }

    public static EvalSummary of(List<JudgedItem> items) {
        WinTieLose overall = WinTieLose.of(0, 0, 0);
        Map<String, WinTieLose> byCategory = new TreeMap<>();
        long twoOrder = 0;
        long consistent = 0;
        for (JudgedItem judged : items) {
            WinTieLose one = count(judged.outcome());
            overall = overall.plus(one);
            String category = judged.item().category() == null ? UNCATEGORISED : judged.item().category();
            byCategory.merge(category, one, WinTieLose::plus);
            if (judged.hasBothOrders()) {
                twoOrder++;
                if (judged.positionConsistent()) {
                    consistent++;
                }
            }
        }
        Optional<CategoryRate> consistency = twoOrder == 0 ? Optional.empty()
                : Optional.of(CategoryRate.of("position-consistent", consistent, twoOrder, WilsonInterval.DEFAULT_CONFIDENCE));
        return new EvalSummary(overall, byCategory, consistency);
    }

    private static WinTieLose count(Outcome outcome) {
        return switch (outcome) {
            case WIN -> new WinTieLose(1, 0, 0, 0);
            case TIE -> new WinTieLose(0, 1, 0, 0);
            case LOSE -> new WinTieLose(0, 0, 1, 0);
            case INVALID -> new WinTieLose(0, 0, 0, 1);
        };
    }

    /** A plain-text table: one line overall, one per category. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(line("overall", overall));
        byCategory.forEach((name, wtl) -> sb.append(line(name, wtl)));
        positionConsistency.ifPresent(c -> sb.append(String.format(Locale.ROOT, "position consistency %.1f%% [%.1f, %.1f] of %d%n",
                100 * c.rate(), 100 * c.interval().lower(), 100 * c.interval().upper(), c.total())));
        return sb.toString();
    }

    private static String line(String name, WinTieLose wtl) {
        return String.format(Locale.ROOT, "%-24s n=%-4d win %s  tie %s  lose %s%s%n", name, wtl.total(),
                pct(wtl.winRate()), pct(wtl.tieRate()), pct(wtl.loseRate()),
                wtl.invalid() > 0 ? "  invalid " + wtl.invalid() : "");
    }

    private static String pct(CategoryRate r) {
        return String.format(Locale.ROOT, "%5.1f%% [%4.1f, %4.1f]", 100 * r.rate(), 100 * r.interval().lower(), 100 * r.interval().upper());
    }
}
