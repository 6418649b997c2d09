package io.llmopt.bpo.language;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** How many rewrites switched language, and how many of those kept it when asked again. */
public final class LanguageTally {

    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong switched = new AtomicLong();
    private final AtomicLong fixed = new AtomicLong();

    void checked() {
        checked.incrementAndGet();
    }

    void switched() {
        switched.incrementAndGet();
    }

    void fixed() {
        fixed.incrementAndGet();
    }

    public long switchedCount() {
        return switched.get();
    }

    public long fixedCount() {
        return fixed.get();
    }

    /** One line for the terminal, or "" when no rewrite switched language. */
    public String summary() {
        if (switched.get() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "language: %d of %d rewrite(s) came back in another language; %d kept the"
                + " prompt's language when asked again%n", switched.get(), checked.get(), fixed.get());
    }
}
