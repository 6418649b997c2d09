package io.llmopt.core.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Win/tie/lose counts of a pairwise comparison and their rates with 95% Wilson intervals.
 *
 * <p>{@code invalid} counts comparisons whose verdict could not be read. They stay in the
 * denominator, as in the BPO reference's scoring script, so that the three rates are honest about
 * the judge's failures instead of silently renormalising them away.
 */
public record WinTieLose(long wins, long ties, long losses, long invalid) {

    public WinTieLose {
        if (wins < 0 || ties < 0 || losses < 0 || invalid < 0) {
            throw new IllegalArgumentException("counts must be non-negative");
        }
    }

    public static WinTieLose of(long wins, long ties, long losses) {
        return new WinTieLose(wins, ties, losses, 0);
    }

    public long total() {
        return wins + ties + losses + invalid;
    }

    public WinTieLose plus(WinTieLose other) {
        return new WinTieLose(wins + other.wins, ties + other.ties, losses + other.losses, invalid + other.invalid);
    }

    /** The rates with 95% intervals, keyed "win", "tie", "lose" and "invalid". */
    public MultinomialRates rates() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("win", wins);
        counts.put("tie", ties);
        counts.put("lose", losses);
        counts.put("invalid", invalid);
        return MultinomialRates.of(counts);
    }

    public CategoryRate winRate() {
        return rates().get("win");
    }

    public CategoryRate tieRate() {
        return rates().get("tie");
    }

    public CategoryRate loseRate() {
        return rates().get("lose");
    }

    /** (wins - losses) / total: the usual one-number summary, 0 when nothing was compared. */
    public double netWinRate() {
        return total() == 0 ? 0 : (double) (wins - losses) / total();
    }
}
