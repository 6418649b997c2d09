package io.llmopt.bpo.pairs;

import io.llmopt.core.text.PythonText;
import java.util.Optional;

/**
 * Drops pairs whose length changed implausibly, which in the reference's experience means the LLM
 * answered the instruction or lost part of it: words(instruction) / words(optimized) above
 * {@code maxShrink} (reference 2), or words(optimized) / words(instruction) above
 * {@code maxGrowth} (reference 6). Words are Python {@code split()} words.
 */
public record WordRatioFilter(double maxShrink, double maxGrowth) implements PairFilter {

    /** The reference's thresholds. */
    public static WordRatioFilter reference() {
        return new WordRatioFilter(2, 6);
    }

    @Override
    public Optional<String> reject(String instruction, String optimizedInstruction) {
        int before = PythonText.words(instruction).size();
        int after = PythonText.words(optimizedInstruction).size();
        // The reference divides by these counts and would crash on zero; an empty side is never a usable pair.
        if (after == 0) {
            return Optional.of("optimized instruction is empty");
        }
        if (before == 0) {
            return Optional.of("instruction has no words");
        }
        if ((double) before / after > maxShrink) {
            return Optional.of("optimized instruction too short: " + before + " words became " + after
                    + " (ratio above " + maxShrink + ")");
        }
        if ((double) after / before > maxGrowth) {
            return Optional.of("optimized instruction too long: " + before + " words became " + after
                    + " (ratio above " + maxGrowth + ")");
        }
        return Optional.empty();
    }
}
