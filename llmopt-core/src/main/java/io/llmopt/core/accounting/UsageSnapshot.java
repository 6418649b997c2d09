package io.llmopt.core.accounting;

import java.util.Map;
import java.util.Set;

/**
 * A consistent-enough picture of a {@link UsageLedger} for a progress line or a report. Each
 * counter is exact; counters read a moment apart may differ by a call still being recorded.
 *
 * @param total          all roles together
 * @param byRole         per role name, sorted by name
 * @param unpricedModels models used that have no price (their cost counts as 0)
 */
public record UsageSnapshot(Usage total, Map<String, Usage> byRole, Set<String> unpricedModels) {

    public UsageSnapshot {
        byRole = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byRole));
        unpricedModels = Set.copyOf(unpricedModels);
    }

    public Usage role(String role) {
        return byRole.getOrDefault(role, Usage.NONE);
    }
}
