package io.llmopt.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/** Holds the fault rules, picks the fault of each request and counts what it injected. */
final class FaultInjector {

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);

    void add(FaultRule rule) {
        rules.add(rule);
    }

    void clearRules() {
        rules.clear();
    }

    /** The fault of this request (counted), or null to serve it normally. */
    Fault pick(SimRequest request, long requestNumber) {
        for (FaultRule rule : rules) {
            if (rule.fires(request, requestNumber)) {
                counts.incrementAndGet(rule.fault().ordinal());
                return rule.fault();
            }
        }
        return null;
    }

    long count(Fault fault) {
        return counts.get(fault.ordinal());
    }

    Map<Fault, Long> counts() {
        Map<Fault, Long> map = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            long c = counts.get(f.ordinal());
            if (c > 0) {
                map.put(f, c);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    void resetCounts() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
    }
}
