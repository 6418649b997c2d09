package io.llmopt.report;

import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.core.stats.WinTieLose;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Win/tie/lose counts of BPO judgements, overall and per category: shared by the report and the dashboard. */
public final class WinRates {

    /** The key of the overall counts. */
    public static final String ALL = "all";

    private WinRates() {
    }

    /** Counts per category, {@link #ALL} first, categories alphabetically; invalid verdicts stay in the denominator. */
    public static Map<String, WinTieLose> byCategory(List<BpoJudgement> judgements) {
        Map<String, WinTieLose> out = new LinkedHashMap<>();
        TreeMap<String, WinTieLose> byCategory = new TreeMap<>();
        WinTieLose all = WinTieLose.of(0, 0, 0);
        for (BpoJudgement j : judgements) {
            WinTieLose one = switch (j.outcome()) {
                case "win" -> WinTieLose.of(1, 0, 0);
                case "tie" -> WinTieLose.of(0, 1, 0);
                case "lose" -> WinTieLose.of(0, 0, 1);
                default -> new WinTieLose(0, 0, 0, 1);
            };
            all = all.plus(one);
            if (j.category() != null && !j.category().isBlank()) {
                byCategory.merge(j.category(), one, WinTieLose::plus);
            }
        }
        out.put(ALL, all);
        out.putAll(byCategory);
        return out;
    }
}
