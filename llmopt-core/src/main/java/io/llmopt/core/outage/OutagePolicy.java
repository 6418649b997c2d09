package io.llmopt.core.outage;

import io.llmopt.core.llm.LlmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How long an {@link OutageTolerantLanguageModel} waits for an endpoint that stopped answering,
 * and how often it looks whether it is back.
 *
 * @param maxOutage  how long a call may wait for the endpoint before it fails; zero disables waiting
 * @param firstProbe the wait before the first new attempt; each later wait doubles, up to {@code maxProbe}
 * @param maxProbe   the longest wait between two attempts
 * @param kinds      the failure kinds that mean "the endpoint is not answering" rather than "this request is wrong"
 */
public record OutagePolicy(Duration maxOutage, Duration firstProbe, Duration maxProbe, Set<LlmException.Kind> kinds) {

    /** Used when a model sets no {@code max_outage_seconds}: long enough for a server restart or a short network cut. */
    public static final Duration DEFAULT_MAX_OUTAGE = Duration.ofMinutes(30);

    /** What an endpoint that is down looks like after the retry layer gave up. */
    public static final Set<LlmException.Kind> OUTAGE_KINDS = Set.copyOf(EnumSet.of(LlmException.Kind.CONNECTION,
            LlmException.Kind.SERVER_ERROR, LlmException.Kind.TIMEOUT, LlmException.Kind.RATE_LIMITED,
            LlmException.Kind.MALFORMED_RESPONSE));

    public OutagePolicy {
        Objects.requireNonNull(maxOutage, "maxOutage");
        Objects.requireNonNull(firstProbe, "firstProbe");
        Objects.requireNonNull(maxProbe, "maxProbe");
        if (maxOutage.isNegative() || firstProbe.isNegative() || maxProbe.compareTo(firstProbe) < 0) {
            throw new IllegalArgumentException("need maxOutage >= 0 and 0 <= firstProbe <= maxProbe, got "
                    + maxOutage + ", " + firstProbe + ", " + maxProbe);
        }
        kinds = Set.copyOf(kinds);
    }

    /** Waits up to {@code maxOutage}, probing after 1 s, 2 s, 4 s ... and then every 30 s. */
    public static OutagePolicy waitingUpTo(Duration maxOutage) {
        return new OutagePolicy(maxOutage, Duration.ofSeconds(1), Duration.ofSeconds(30), OUTAGE_KINDS);
    }

    /** Never waits: a failure after the retries propagates at once, as without this layer. */
    public static OutagePolicy disabled() {
        return waitingUpTo(Duration.ZERO);
    }

    public boolean enabled() {
        return !maxOutage.isZero();
    }

    public OutagePolicy withMaxOutage(Duration value) {
        return new OutagePolicy(value, firstProbe, maxProbe, kinds);
    }

    /** The wait before new attempt number {@code probe} (1 for the first). */
    public Duration probeDelay(int probe) {
        Duration d = firstProbe;
        for (int i = 1; i < probe && d.compareTo(maxProbe) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxProbe) > 0 ? maxProbe : d;
    }

    public boolean isOutage(LlmException e) {
        return kinds.contains(e.kind());
    }
}
