package io.llmopt.bpo.pairs;

import java.util.Locale;
import java.util.Optional;

/**
 * Drops optimized instructions that contain {@code [protected} in any case: the LLM copied the
 * construction prompt's "protected parts" wording into the prompt instead of obeying it.
 */
public record ProtectedMarkerFilter() implements PairFilter {

    @Override
    public Optional<String> reject(String instruction, String optimizedInstruction) {
        return optimizedInstruction.toLowerCase(Locale.ROOT).contains("[protected")
                ? Optional.of("optimized instruction contains a [protected...] marker")
                : Optional.empty();
    }
}
