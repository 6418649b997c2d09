package io.llmopt.report;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which candidates are best. OPRO optimizes the training accuracy, so that is the ranking;
 * validation then test accuracy break ties, then the earlier step (the paper reports the first
 * instruction that reached a score).
 */
public final class CandidateRanking {

    private static final Comparator<CandidateRecord> BEST_FIRST = Comparator
            .comparing((CandidateRecord c) -> orMinus(c.trainScore())).reversed()
            .thenComparing(Comparator.comparing((CandidateRecord c) -> orMinus(c.validationScore())).reversed())
            .thenComparing(Comparator.comparing((CandidateRecord c) -> orMinus(c.testScore())).reversed())
            .thenComparingInt(CandidateRecord::step)
            .thenComparingLong(CandidateRecord::id);

    private CandidateRanking() {
    }

    /** The {@code limit} best kept, scored candidates, best first. */
    public static List<CandidateRecord> best(List<CandidateRecord> candidates, int limit) {
        return candidates.stream().filter(CandidateRanking::scored).sorted(BEST_FIRST).limit(limit).toList();
    }

    /** The baseline: the best of the candidates of step 0 (the initial instructions). */
    public static Optional<CandidateRecord> baseline(List<CandidateRecord> candidates) {
        return candidates.stream().filter(c -> c.step() == 0).filter(CandidateRanking::scored).min(BEST_FIRST);
    }

    /** The headline score of a candidate: test, else validation, else training. */
    public static Double headline(CandidateRecord c) {
        if (c.testScore() != null) {
            return c.testScore();
        }
        return c.validationScore() != null ? c.validationScore() : c.trainScore();
    }

    private static boolean scored(CandidateRecord c) {
        return c.status() == CandidateStatus.KEPT
                && (c.trainScore() != null || c.validationScore() != null || c.testScore() != null);
    }

    private static double orMinus(Double score) {
        return score == null ? Double.NEGATIVE_INFINITY : score;
    }
}
