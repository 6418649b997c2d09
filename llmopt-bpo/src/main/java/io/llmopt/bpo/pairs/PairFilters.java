package io.llmopt.bpo.pairs;

import java.util.List;
import java.util.Optional;

/** The reference's filter set and a helper applying a list of filters in order. */
public final class PairFilters {

    private PairFilters() {
    }

    /** Word ratio (2 and 6), then the [protected marker. */
    public static List<PairFilter> reference() {
        return List.of(WordRatioFilter.reference(), new ProtectedMarkerFilter());
    }

    /** The first filter's reason to drop the pair, or empty to keep it. */
    public static Optional<String> firstRejection(List<PairFilter> filters, String instruction, String optimized) {
        for (PairFilter filter : filters) {
            Optional<String> reason = filter.reject(instruction, optimized);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
