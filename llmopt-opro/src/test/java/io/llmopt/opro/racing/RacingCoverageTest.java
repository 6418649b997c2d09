package io.llmopt.opro.racing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stated guarantee, checked by simulation: a candidate whose full-split accuracy reaches the
 * bar is dropped in at most a {@code delta} share of random example orders.
 */
class RacingCoverageTest {

    private static final int N = 261;
    private static final int TRIALS = 2000;

    /**
     * A bar incumbent with {@code barCorrect} right answers, and a candidate that agrees with it
     * except on {@code onlyCandidate} + {@code onlyBar} examples.
     */
    private static Map<String, boolean[]> pair(int barCorrect, int onlyCandidate, int onlyBar) {
        boolean[] bar = new boolean[N];
        boolean[] candidate = new boolean[N];
        for (int i = 0; i < barCorrect; i++) {
            bar[i] = true;
            candidate[i] = i >= onlyBar; // the first onlyBar of the bar's right answers are the candidate's misses
        }
        for (int i = barCorrect; i < barCorrect + onlyCandidate; i++) {
            candidate[i] = true;
        }
        return Map.of("bar", bar, "candidate", candidate);
    }

    /** Share of seeded orders in which the candidate is dropped, the bar being the only incumbent (k = 1). */
    private static double dropRate(Map<String, boolean[]> pair, RacingSettings settings) {
        Racing racing = new Racing(settings.withK(1));
        List<Incumbent> incumbents = List.of(new Incumbent("bar", pair.get("bar")));
        FakeScorer scorer = new FakeScorer(pair);
        int drops = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            RacingResult result = racing.race(List.of("candidate"), incumbents,
                    ExampleOrder.forStep(N, 42, trial), scorer).join();
            drops += result.dropped().size();
        }
        return (double) drops / TRIALS;
    }

    @ParameterizedTest
    @EnumSource(DropBound.class)
    void aCandidateTiedWithTheBarIsDroppedAtMostDeltaOfTheTime(DropBound bound) {
        // 60 discordant examples split evenly: same full-split accuracy, lots of noise on small batches.
        double rate = dropRate(pair(183, 30, 30), RacingSettings.defaults().withBound(bound).withDelta(0.1));
        // 2,000 trials: standard error about 0.007 at 0.1.
        assertThat(rate).isLessThanOrEqualTo(0.1 + 0.02);
    }

    @ParameterizedTest
    @EnumSource(DropBound.class)
    void atAHighErrorRateTheBoundStillHolds(DropBound bound) {
        double rate = dropRate(pair(183, 20, 20), RacingSettings.defaults().withBound(bound).withDelta(0.3));
        assertThat(rate).isLessThanOrEqualTo(0.3 + 0.03);
    }

    @Test
    void aCandidateJustAboveTheBarIsRarelyDropped() {
        double rate = dropRate(pair(183, 31, 30), RacingSettings.defaults().withDelta(0.05));
        assertThat(rate).isLessThanOrEqualTo(0.05 + 0.015);
    }

    @Test
    void atTheDefaultErrorRateACandidateFivePointsAboveTheBarIsRarelyDropped() {
        // Bar 183/261; candidate 196/261 (+5 points), 60 discordant examples as for the tie above.
        double tied = dropRate(pair(183, 30, 30), RacingSettings.defaults());
        double above = dropRate(pair(183, 43, 30), RacingSettings.defaults());
        assertThat(tied).isLessThanOrEqualTo(RacingSettings.DEFAULT_DELTA + 0.03);
        assertThat(above).isLessThan(0.15);
    }

    @Test
    void aCandidateAgainstTheThresholdAloneKeepsTheGuarantee() {
        // Accuracy exactly at the threshold, no incumbents: the unpaired comparison with a constant.
        Map<String, boolean[]> results = Map.of("candidate", FakeScorer.firstCorrect(N, 150));
        Racing racing = new Racing(RacingSettings.defaults().withScoreThreshold(150.0 / N).withDelta(0.1));
        FakeScorer scorer = new FakeScorer(results);
        int drops = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            drops += racing.race(List.of("candidate"), List.of(), ExampleOrder.forStep(N, 7, trial), scorer)
                    .join().dropped().size();
        }
        assertThat((double) drops / TRIALS).isLessThanOrEqualTo(0.1 + 0.02);
    }

    @Test
    void bettingDropsACandidateTenPointsBehindLongBeforeTheFullSplit() {
        // Bar 0.70; candidate 0.60 with 40 discordant examples (correlated, as instructions are).
        Map<String, boolean[]> pair = pair(183, 7, 33);
        Racing racing = new Racing(RacingSettings.defaults().withMaxInFlight(8).withK(1));
        List<Incumbent> incumbents = List.of(new Incumbent("bar", pair.get("bar")));
        List<Integer> calls = new ArrayList<>();
        for (int trial = 0; trial < 200; trial++) {
            RacingResult result = racing.race(List.of("candidate"), incumbents,
                    ExampleOrder.forStep(N, 3, trial), new FakeScorer(pair)).join();
            calls.add((int) result.scorerCalls());
        }
        double meanCalls = calls.stream().mapToInt(Integer::intValue).average().orElseThrow();
        // Full evaluation would take 261 calls; this includes up to 8 in flight at the drop.
        assertThat(meanCalls).isLessThan(130);
    }

    @Test
    void bettingIsMorePowerfulThanHoeffding() {
        Map<String, boolean[]> pair = pair(183, 7, 33);
        double betting = dropRate(pair, RacingSettings.defaults().withBound(DropBound.BETTING));
        double hoeffding = dropRate(pair, RacingSettings.defaults().withBound(DropBound.HOEFFDING));
        assertThat(betting).isGreaterThan(hoeffding);
    }
}
