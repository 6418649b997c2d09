package io.llmopt.opro.meta;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which past instructions a meta-prompt shows, and how: sorted by score ascending (stable, so
 * equal scores keep history order), the best {@code maxNumInstructions} kept, then those below
 * the threshold dropped; each shown as {@code \ntext:\n{instruction}\nscore:\n{score}\n}.
 */
public final class InstructionScorePairs {
    private InstructionScorePairs() {
    }

    /**
     * The instructions shown, in display order.
     *
     * @param threshold minimum score; 0 keeps every instruction (the reference skips the test when it is falsy)
     * @param maxNumInstructions how many of the best to keep; 0 or less keeps all (as Python's {@code [-0:]} does)
     */
    public static List<ScoredInstruction> shown(List<ScoredInstruction> history, double threshold,
                                                int maxNumInstructions) {
        List<ScoredInstruction> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingDouble(ScoredInstruction::score));
        int from = maxNumInstructions <= 0 ? 0 : Math.max(0, sorted.size() - maxNumInstructions);
        List<ScoredInstruction> shown = new ArrayList<>();
        for (ScoredInstruction entry : sorted.subList(from, sorted.size())) {
            if (threshold == 0 || entry.score() >= threshold) {
                shown.add(entry);
            }
        }
        return shown;
    }

    /** The pairs as text; without buckets scores are rounded to 3 decimals. */
    public static String format(List<ScoredInstruction> shown, ScoreBuckets buckets) {
        StringBuilder text = new StringBuilder();
        for (ScoredInstruction entry : shown) {
            text.append(MetaPromptTemplates.render("pairs.pair",
                    Map.of("instruction", entry.instruction(), "score", buckets.show(entry.score(), 3))));
        }
        return text.toString();
    }
}
