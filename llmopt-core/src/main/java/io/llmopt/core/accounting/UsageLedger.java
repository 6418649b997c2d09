package io.llmopt.core.accounting;

import io.llmopt.core.llm.TokenUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a run's model usage, per role and overall. Shared by every role's
 * {@link AccountingLanguageModel} and read by the {@link BudgetLanguageModel} and progress displays;
 * updates are lock-free adders, so hundreds of concurrent calls do not contend.
 */
public final class UsageLedger {

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder cacheHits = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
        final DoubleAdder cost = new DoubleAdder();

        void success(TokenUsage billed, double money, boolean cacheHit) {
            promptTokens.add(billed.promptTokens());
            completionTokens.add(billed.completionTokens());
            cost.add(money);
            if (cacheHit) {
                cacheHits.increment();
            }
            calls.increment();
        }

        void error() {
            errors.increment();
            calls.increment();
        }

        Usage read() {
            return new Usage(calls.sum(), cacheHits.sum(), errors.sum(), promptTokens.sum(), completionTokens.sum(), cost.sum());
        }
    }

    private final Counters total = new Counters();
    private final ConcurrentHashMap<String, Counters> byRole = new ConcurrentHashMap<>();
    private final Set<String> unpricedModels = ConcurrentHashMap.newKeySet();
    private final BudgetReservations reservations;

    /** A ledger with a budget of its own. */
    public UsageLedger() {
        this(new BudgetReservations());
    }

    /**
     * A ledger whose budget layers commit against {@code reservations}, which other ledgers may
     * share: runs that must stay within one budget together (a sweep's) each keep their own usage
     * but one commitment.
     */
    public UsageLedger(BudgetReservations reservations) {
        this.reservations = java.util.Objects.requireNonNull(reservations, "reservations");
    }

    /** A finished call: {@code billed} is what was paid for (zero for a cache hit). */
    public void recordSuccess(String role, TokenUsage billed, double cost, boolean cacheHit) {
        role(role).success(billed, cost, cacheHit);
        total.success(billed, cost, cacheHit);
    }

    public void recordError(String role) {
        role(role).error();
        total.error();
    }

    /** Remembers that {@code model} was used without a price, so the report can say its cost is unknown. */
    public void noteUnpriced(String model) {
        unpricedModels.add(model);
    }

    /** What the run's budget layers have spent and reserved: one for every role sharing this ledger. */
    public BudgetReservations reservations() {
        return reservations;
    }

    /** Totals over every role; cheap enough to call before every request. */
    public Usage total() {
        return total.read();
    }

    public Usage usageOf(String role) {
        Counters c = byRole.get(role);
        return c == null ? Usage.NONE : c.read();
    }

    public UsageSnapshot snapshot() {
        Map<String, Usage> roles = new HashMap<>();
        byRole.forEach((name, c) -> roles.put(name, c.read()));
        return new UsageSnapshot(total.read(), roles, unpricedModels);
    }

    private Counters role(String role) {
        return byRole.computeIfAbsent(role, r -> new Counters());
    }
}
