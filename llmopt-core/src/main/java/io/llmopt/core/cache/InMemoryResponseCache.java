package io.llmopt.core.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ResponseCache} in a map: for tests and for runs that must not touch the disk. */
public final class InMemoryResponseCache implements ResponseCache {

    private final ConcurrentHashMap<String, CachedCompletion> entries = new ConcurrentHashMap<>();

    @Override
    public Map<String, CachedCompletion> getAll(Collection<String> keys) {
        Map<String, CachedCompletion> found = new HashMap<>();
        for (String key : keys) {
            CachedCompletion c = entries.get(key);
            if (c != null) {
                found.put(key, c);
            }
        }
        return found;
    }

    @Override
    public void putAll(Map<String, CachedCompletion> newEntries) {
        newEntries.forEach(entries::putIfAbsent);
    }

    @Override
    public long size() {
        return entries.size();
    }
}
