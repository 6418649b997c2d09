package io.llmopt.core.accounting;

import java.util.Locale;

/**
 * What a run has committed against its {@link Budget}: money and tokens already spent plus the
 * estimates reserved for calls in flight. A call reserves its estimate before it is sent and is
 * refused when that could cross the cap; when it ends, its reservation becomes what it really cost,
 * in one step, so no other call ever sees the run's commitment lower than it is.
 *
 * <p>Only a call sent while nothing else is in flight may cross the cap (its estimate can be too
 * small), which bounds a run's spending by its cap plus one call however many calls run at once.
 * One instance per run, shared by every role's {@link BudgetLanguageModel} through the
 * {@link UsageLedger}; calls take milliseconds at least, so one lock is no contention.
 */
public final class BudgetReservations {

    /** A reservation a call holds until it ends. */
    public record Reservation(long tokens, double cost) {
    }

    private long spentTokens;
    private double spentCost;
    private long reservedTokens;
    private double reservedCost;
    private int inFlight;

    /**
     * Reserves {@code estimate} under {@code budget}.
     *
     * @return why the call is refused, or null when it was reserved (then {@link #settle} must follow)
     */
    public synchronized String tryReserve(Budget budget, Reservation estimate) {
        String refusal = refusal(budget, estimate);
        if (refusal == null) {
            reservedTokens += estimate.tokens();
            reservedCost += estimate.cost();
            inFlight++;
        }
        return refusal;
    }

    /** Ends a reserved call: its estimate is released and what it really cost is counted as spent. */
    public synchronized void settle(Reservation estimate, long tokens, double cost) {
        reservedTokens -= estimate.tokens();
        reservedCost -= estimate.cost();
        inFlight--;
        spentTokens += tokens;
        spentCost += cost;
    }

    public synchronized double spentCost() {
        return spentCost;
    }

    public synchronized long spentTokens() {
        return spentTokens;
    }

    private String refusal(Budget budget, Reservation estimate) {
        if (budget.maxTokens() != null) {
            long cap = budget.maxTokens();
            if (spentTokens >= cap) {
                return String.format(Locale.ROOT, "token budget reached: %,d tokens spent of a %,d-token cap", spentTokens, cap);
            }
            if (inFlight > 0 && spentTokens + reservedTokens + estimate.tokens() > cap) {
                return String.format(Locale.ROOT, "token budget reached: %,d tokens spent and %,d reserved for calls in flight"
                        + " of a %,d-token cap; the next call (about %,d tokens) could cross it",
                        spentTokens, reservedTokens, cap, estimate.tokens());
            }
        }
        if (budget.maxCost() != null) {
            double cap = budget.maxCost();
            if (spentCost >= cap) {
                return String.format(Locale.ROOT, "cost budget reached: $%.4f spent of a $%.2f cap", spentCost, cap);
            }
            if (inFlight > 0 && spentCost + reservedCost + estimate.cost() > cap) {
                return String.format(Locale.ROOT, "cost budget reached: $%.4f spent and $%.4f reserved for calls in flight"
                        + " of a $%.2f cap; the next call (about $%.4f) could cross it", spentCost, reservedCost, cap, estimate.cost());
            }
        }
        return null;
    }
}
