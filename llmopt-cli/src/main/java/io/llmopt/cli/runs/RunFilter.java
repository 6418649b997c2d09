package io.llmopt.cli.runs;

import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which runs {@code runs list} shows: by status, by kind ("opro" matches every opro-* kind), by a
 * piece of the name, and only the newest N of what is left.
 *
 * @param statuses the statuses to keep (empty: all)
 * @param kind     a kind or a kind's first word, or null
 * @param name     a piece of the name, case-insensitive, or null
 * @param last     how many of the newest to keep (0: all)
 */
record RunFilter(Set<RunStatus> statuses, String kind, String name, int last) {

    /**
     * The statuses a comma-separated option value names.
     *
     * @throws IllegalArgumentException naming the valid statuses when one is unknown
     */
    static Set<RunStatus> statuses(List<String> values) {
        if (values == null) {
            return Set.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return RunStatus.fromWire(s.toLowerCase(Locale.ROOT).replace('-', '_'));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--status: unknown status '" + s + "'; expected one of "
                                + Arrays.stream(RunStatus.values()).map(RunStatus::wireName).collect(Collectors.joining(", ")));
                    }
                }).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code runs} (newest first) as the filter keeps them, still newest first. */
    List<RunRecord> apply(List<RunRecord> runs) {
        Stream<RunRecord> kept = runs.stream()
                .filter(r -> statuses.isEmpty() || statuses.contains(r.status()))
                .filter(r -> kind == null || r.kind().equals(kind) || r.kind().startsWith(kind + "-"))
                .filter(r -> name == null || (r.name() != null
                        && r.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))));
        return (last > 0 ? kept.limit(last) : kept).toList();
    }

    boolean filters() {
        return !statuses.isEmpty() || kind != null || name != null || last > 0;
    }
}
