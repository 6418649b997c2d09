package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import io.llmopt.opro.meta.InstructionScorePairs;
import io.llmopt.opro.meta.MetaPromptConfig;
import io.llmopt.opro.meta.ScoredInstruction;
import io.llmopt.opro.racing.Incumbent;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the scored candidates got on the training split, as far as later steps need it: the best
 * score so far, how often each training position was answered wrong (exemplar choice), and each
 * instruction's per-example results (what racing pairs a later candidate against).
 */
final class TrainingOutcomes {

    private final List<Example> train;
    private final Map<String, Integer> positions = new HashMap<>();
    private final boolean keepResults;
    private final Map<Integer, Integer> wrongCounts = new LinkedHashMap<>();
    /**
     * Each scored instruction's per-example training results (bit i: position i correct), kept
     * only when racing or exemplar choice reads them. 261 bits per instruction, so a 200-step run
     * holds well under a megabyte.
     */
    private final Map<String, BitSet> results = new HashMap<>();
    private OptionalDouble best = OptionalDouble.empty();
    private int bestStep;

    /** @param keepResults whether per-example results are kept (racing, or exemplars chosen by shown results) */
    TrainingOutcomes(List<Example> train, boolean keepResults) {
        this.train = List.copyOf(train);
        this.keepResults = keepResults;
        for (int i = 0; i < this.train.size(); i++) {
            positions.put(this.train.get(i).id(), i);
        }
    }

    /**
     * A kept candidate of {@code step} has a training score.
     *
     * @param score its per-example outcomes when it was scored now, or null when its score was
     *              read back (nothing new to count)
     */
    synchronized void scored(int step, PromptCandidate candidate, CandidateScore score) {
        if (best.isEmpty() || candidate.penalizedScore() > best.getAsDouble()) {
            best = OptionalDouble.of(candidate.penalizedScore());
            bestStep = step;
        }
        if (score == null) {
            return;
        }
        for (ExampleOutcome outcome : score.outcomes()) {
            Integer position = positions.get(outcome.exampleId());
            if (!outcome.correct() && position != null) {
                wrongCounts.merge(position, 1, Integer::sum);
            }
        }
        if (keepResults && score.outcomes().size() == train.size()) {
            BitSet bits = new BitSet(train.size());
            for (int i = 0; i < train.size(); i++) {
                bits.set(i, score.outcomes().get(i).correct());
            }
            results.put(candidate.instruction(), bits);
        }
    }

    synchronized OptionalDouble best() {
        return best;
    }

    synchronized int bestStep() {
        return bestStep;
    }

    /** How many scored candidates got each training position wrong, by position. */
    Map<Integer, Integer> wrongCounts() {
        return wrongCounts;
    }

    /**
     * How many of the instructions the meta-prompt shows now got each training position wrong, in
     * first-seen order over the shown instructions (worst first, as the meta-prompt lists them).
     */
    Map<Integer, Integer> shownWrongCounts(List<ScoredInstruction> history, MetaPromptConfig metaPrompt) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (ScoredInstruction shown : InstructionScorePairs.shown(history, metaPrompt.scoreThreshold(),
                metaPrompt.maxNumInstructions())) {
            BitSet correct = results.get(shown.instruction());
            if (correct == null) {
                continue;
            }
            for (int i = 0; i < train.size(); i++) {
                if (!correct.get(i)) {
                    counts.merge(i, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The history's best {@code k} instructions with their per-example results: what racing pairs against. */
    List<Incumbent> incumbents(List<ScoredInstruction> history, int k) {
        return history.stream().filter(h -> results.containsKey(h.instruction()))
                .sorted(Comparator.comparingDouble(ScoredInstruction::score).reversed())
                .limit(k)
                .map(h -> {
                    BitSet bits = results.get(h.instruction());
                    boolean[] correct = new boolean[train.size()];
                    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                        correct[i] = true;
                    }
                    return new Incumbent(h.instruction(), correct);
                }).toList();
    }
}
