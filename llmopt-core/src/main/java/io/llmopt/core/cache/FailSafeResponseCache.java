package io.llmopt.core.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A response cache that switches itself off at its first failure. A cache on a full disk, or with
 * a corrupt page, fails every read or write after the first; logging each one buried the run's
 * output (183,358 lines for a full disk). The cache only saves money on a rerun, so the run goes
 * on without it, slower: from the first failure on every lookup is a miss and every write is
 * dropped, and {@code warning} hears one line naming the file and the cause.
 */
public final class FailSafeResponseCache implements ResponseCache {

    private final ResponseCache cache;
    private final String name;
    private final Consumer<String> warning;
    private final AtomicBoolean off = new AtomicBoolean();

    /**
     * @param name    how the warning names the cache (its file)
     * @param warning hears the one line, once
     */
    public FailSafeResponseCache(ResponseCache cache, String name, Consumer<String> warning) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.name = Objects.requireNonNull(name, "name");
        this.warning = Objects.requireNonNull(warning, "warning");
    }

    /** True once a failure switched the cache off. */
    public boolean switchedOff() {
        return off.get();
    }

    @Override
    public Map<String, CachedCompletion> getAll(Collection<String> keys) {
        if (off.get()) {
            return Map.of();
        }
        try {
            return cache.getAll(keys);
        } catch (RuntimeException e) {
            switchOff("read", e);
            return Map.of();
        }
    }

    @Override
    public void putAll(Map<String, CachedCompletion> entries) {
        if (off.get()) {
            return;
        }
        try {
            cache.putAll(entries);
        } catch (RuntimeException e) {
            switchOff("written", e);
        }
    }

    @Override
    public long size() {
        return off.get() ? 0 : cache.size();
    }

    @Override
    public void close() {
        cache.close();
    }

    private void switchOff(String what, RuntimeException e) {
        if (off.compareAndSet(false, true)) {
            warning.accept("the response cache " + name + " cannot be " + what + " (" + cause(e)
                    + "); it is switched off for the rest of the run, which goes on without it");
        }
    }

    /** The innermost message, on one line: SQLite's own words ("database or disk is full"). */
    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
