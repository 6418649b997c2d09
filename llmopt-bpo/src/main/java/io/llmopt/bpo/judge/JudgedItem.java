package io.llmopt.bpo.judge;

import java.util.List;
import java.util.Objects;

/** A judged comparison: the item, its outcome for the rewritten prompt, and every judge call behind it. */
public record JudgedItem(EvalItem item, Outcome outcome, List<OrderedVerdict> verdicts) {

    public JudgedItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(outcome, "outcome");
        verdicts = List.copyOf(verdicts);
    }

    /** True when judged in both orders and both calls gave a verdict. */
    public boolean hasBothOrders() {
        return verdicts.size() == 2 && verdicts.stream().noneMatch(v -> v.verdict() == Verdict.NONE);
    }

    /** True when both orders agree once the swap is undone (both a win, both a loss, or both a tie). */
    public boolean positionConsistent() {
        return hasBothOrders() && verdicts.get(0).forRewritten() == verdicts.get(1).forRewritten();
    }
}
