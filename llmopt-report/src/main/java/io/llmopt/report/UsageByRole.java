package io.llmopt.report;

import io.llmopt.core.accounting.LlmCallRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sums a run's call log per role, in the order the roles first appear, plus a total row. */
public final class UsageByRole {

    private UsageByRole() {
    }

    public static List<RoleUsage> of(List<LlmCallRecord> calls) {
        Map<String, List<LlmCallRecord>> byRole = new LinkedHashMap<>();
        for (LlmCallRecord call : calls) {
            byRole.computeIfAbsent(call.role() == null ? "(none)" : call.role(), r -> new ArrayList<>()).add(call);
        }
        List<RoleUsage> rows = new ArrayList<>();
        byRole.forEach((role, list) -> rows.add(sum(role, list)));
        return rows;
    }

    /** All roles together. */
    public static RoleUsage total(List<LlmCallRecord> calls) {
        return sum("total", calls);
    }

    private static RoleUsage sum(String role, List<LlmCallRecord> calls) {
        Set<String> models = new LinkedHashSet<>();
        long hits = 0;
        long errors = 0;
        long prompt = 0;
        long completion = 0;
        double cost = 0;
        long latency = 0;
        long timed = 0;
        long server = 0;
        long slotWait = 0;
        long slotTimed = 0;
        for (LlmCallRecord c : calls) {
            if (c.model() != null) {
                models.add(c.model());
            }
            if (c.cacheHit()) {
                hits++;
            } else {
                latency += c.latencyMillis();
                timed++;
                // a call logged before the split (or one no limiter timed) counts whole as server time
                server += c.serverMillis() != null ? c.serverMillis() : c.latencyMillis();
                if (c.slotWaitMillis() != null) {
                    slotWait += c.slotWaitMillis();
                    slotTimed++;
                }
            }
            if (c.error() != null) {
                errors++;
            }
            prompt += c.promptTokens();
            completion += c.completionTokens();
            cost += c.cost();
        }
        return new RoleUsage(role, String.join(", ", models), calls.size(), hits, errors, prompt, completion, cost,
                timed == 0 ? 0 : (double) latency / timed, timed == 0 ? 0 : (double) server / timed,
                slotTimed == 0 ? null : (double) slotWait / slotTimed);
    }
}
