package io.llmopt.bpo.pairs;

import java.util.Optional;

/** A rule that drops a doubtful (instruction, optimized instruction) pair, saying why. */
@FunctionalInterface
public interface PairFilter {

    /** Empty to keep the pair, or the reason it is dropped. */
    Optional<String> reject(String instruction, String optimizedInstruction);
}
