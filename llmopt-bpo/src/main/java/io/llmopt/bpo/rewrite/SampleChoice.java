package io.llmopt.bpo.rewrite;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of several rewrite samples to use. The reference prints all five aggressive samples and
 * leaves the choice to the reader, so the choice is explicit here and every sample is kept in
 * {@link Rewrite#candidates()}.
 */
public enum SampleChoice {
    /** The first non-empty sample: an unbiased draw, the closest to the reference's single-sample use. */
    FIRST,
    /** The longest sample: aggressive rewrites mostly add detail, so this picks the most elaborated. */
    LONGEST;

    public Optional<String> choose(List<String> candidates) {
        List<String> usable = candidates.stream().filter(c -> !c.isBlank()).toList();
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        return switch (this) {
            case FIRST -> Optional.of(usable.getFirst());
            case LONGEST -> usable.stream().max(Comparator.comparingInt(String::length));
        };
    }
}
