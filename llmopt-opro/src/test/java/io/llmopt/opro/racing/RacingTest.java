package io.llmopt.opro.racing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class RacingTest {

    private static final int N = 261;

    /** k incumbents with accuracies from 0.80 down to 0.70 (in 0.5-point steps for k = 20). */
    private static List<Incumbent> incumbents(int k) {
        List<Incumbent> list = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int correct = (int) Math.round(N * (0.80 - 0.10 * i / Math.max(1, k - 1)));
            list.add(new Incumbent("incumbent " + i, FakeScorer.firstCorrect(N, correct)));
        }
        return list;
    }

    private static final ExampleOrder ORDER = ExampleOrder.shuffled(N, 1);

    @Test
    void fullScoresEveryCandidateOnEveryExampleInOneRound() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N], "good", FakeScorer.firstCorrect(N, 230));
        FakeScorer scorer = new FakeScorer(results);
        RacingResult result = Racing.forStrategy(EvaluationStrategy.FULL, RacingSettings.defaults())
                .race(List.of("bad", "good"), incumbents(20), ORDER, scorer).join();

        assertThat(result.batchSizes()).containsExactly(N);
        assertThat(result.survivors()).hasSize(2);
        assertThat(result.scorerCalls()).isEqualTo(2L * N).isEqualTo(scorer.calls());
        assertThat(result.outcomes().get(0).accuracy()).hasValue(0.0);
        assertThat(result.outcomes().get(1).accuracy()).hasValue(230.0 / N);
    }

    @Test
    void dropsAHopelessCandidateAfterTheFirstBatchAndFullyScoresAGoodOne() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N], "good", FakeScorer.firstCorrect(N, 230));
        FakeScorer scorer = new FakeScorer(results);
        RacingResult result = new Racing(RacingSettings.defaults())
                .race(List.of("bad", "good"), incumbents(20), ORDER, scorer).join();

        assertThat(result.batchSizes()).containsExactly(20, 40, 80, 160, N);
        CandidateOutcome bad = result.outcomes().get(0);
        assertThat(bad.droppedAfterRound()).hasValue(0);
        assertThat(bad.scorerCalls()).isEqualTo(20).isEqualTo(scorer.calls("bad"));
        assertThat(bad.accuracy()).isEmpty();
        assertThat(bad.partialAccuracy()).isZero();
        assertThat(bad.results()).extracting(ExampleResult::exampleIndex)
                .containsExactly(java.util.Arrays.stream(ORDER.toArray()).limit(20).boxed().toArray(Integer[]::new));

        CandidateOutcome good = result.outcomes().get(1);
        assertThat(good.scoredOnFullSplit()).isTrue();
        assertThat(good.accuracy()).hasValue(230.0 / N);
        assertThat(good.fullResults()).containsExactly(results.get("good"));
        assertThat(result.survivors()).containsExactly(good);
        assertThat(result.dropped()).containsExactly(bad);
        assertThat(result.scorerCalls()).isEqualTo(20 + N);
    }

    @Test
    void theBarIsTheKthBestIncumbentAndAnIdenticalCandidateIsNeverDropped() {
        List<Incumbent> top = incumbents(20);
        Incumbent kth = top.get(19);
        Map<String, boolean[]> results = Map.of("twin", kth.results());
        for (DropBound bound : DropBound.values()) {
            RacingResult result = new Racing(RacingSettings.defaults().withBound(bound).withDelta(0.5))
                    .race(List.of("twin"), top, ORDER, new FakeScorer(results)).join();
            assertThat(result.bar().incumbent()).contains(kth);
            assertThat(result.outcomes().get(0).accuracy()).hasValue(kth.score());
        }
    }

    @Test
    void withFewerThanKIncumbentsAndNoThresholdNothingIsDroppedAndOneRoundSuffices() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N]);
        FakeScorer scorer = new FakeScorer(results);
        RacingResult result = new Racing(RacingSettings.defaults())
                .race(List.of("bad"), incumbents(19), ORDER, scorer).join();

        assertThat(result.bar()).isEqualTo(Bar.NONE);
        assertThat(result.batchSizes()).containsExactly(N);
        assertThat(result.outcomes().get(0).accuracy()).hasValue(0.0);
    }

    @Test
    void withFewerThanKIncumbentsTheThresholdStillDrops() {
        Map<String, boolean[]> results = Map.of("bad", FakeScorer.firstCorrect(N, 20), "ok", FakeScorer.firstCorrect(N, 150));
        RacingResult result = new Racing(RacingSettings.defaults().withScoreThreshold(0.5))
                .race(List.of("bad", "ok"), incumbents(3), ORDER, new FakeScorer(results)).join();

        assertThat(result.bar().paired()).isFalse();
        assertThat(result.bar().score()).isEqualTo(0.5);
        assertThat(result.outcomes().get(0).scoredOnFullSplit()).isFalse();
        assertThat(result.outcomes().get(1).accuracy()).hasValue(150.0 / N);
    }

    @Test
    void startsEveryCallOfARoundBeforeAnyCompletes() {
        ConcurrentLinkedQueue<CompletableFuture<Boolean>> pending = new ConcurrentLinkedQueue<>();
        ExampleScorer scorer = (instruction, exampleIndex) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        };
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults())
                .race(List.of("a", "b", "c"), incumbents(20), ORDER, scorer);

        assertThat(pending).hasSize(3 * 20);
        assertThat(race).isNotDone();
        // All wrong: every candidate is far below the bar and dropped after the first round.
        pending.forEach(f -> f.complete(false));
        assertThat(race.join().dropped()).hasSize(3);
        assertThat(pending).hasSize(3 * 20);
    }

    @Test
    void aFailedScorerCallFailsTheRace() {
        ExampleScorer failing = (instruction, exampleIndex) -> exampleIndex == ORDER.exampleAt(5)
                ? CompletableFuture.failedFuture(new IllegalStateException("scorer down"))
                : CompletableFuture.completedFuture(true);
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults())
                .race(List.of("a"), incumbents(20), ORDER, failing);
        assertThatThrownBy(race::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("scorer down");

        ExampleScorer throwing = (instruction, exampleIndex) -> {
            throw new IllegalStateException("bad wiring");
        };
        assertThatThrownBy(new Racing(RacingSettings.defaults()).race(List.of("a"), incumbents(20), ORDER, throwing)::join)
                .hasRootCauseMessage("bad wiring");
    }

    @Test
    void rejectsIncumbentsScoredOnAnotherSplit() {
        List<Incumbent> wrongSize = List.of(new Incumbent("x", new boolean[10]));
        assertThatThrownBy(() -> new Racing(RacingSettings.defaults())
                .race(List.of("a"), wrongSize, ORDER, new FakeScorer(new HashMap<>())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 examples");
    }

    @Test
    void aSurvivorBecomesAnIncumbentForTheNextStep() {
        Map<String, boolean[]> results = Map.of("good", FakeScorer.firstCorrect(N, 240));
        CandidateOutcome good = new Racing(RacingSettings.defaults())
                .race(List.of("good"), incumbents(20), ORDER, new FakeScorer(results)).join().outcomes().get(0);
        Incumbent next = good.toIncumbent();
        assertThat(next.instruction()).isEqualTo("good");
        assertThat(next.score()).isEqualTo(240.0 / N);
    }

    @Test
    void aDroppedCandidateHasNoFullResults() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N]);
        CandidateOutcome bad = new Racing(RacingSettings.defaults())
                .race(List.of("bad"), incumbents(20), ORDER, new FakeScorer(results)).join().outcomes().get(0);
        assertThatThrownBy(bad::fullResults).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dropped after round 0");
    }
}
