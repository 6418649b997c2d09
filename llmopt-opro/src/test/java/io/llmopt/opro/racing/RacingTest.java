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
    void fullScoresEveryCandidateOnEveryExampleStartingAllCallsAtOnce() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N], "good", FakeScorer.firstCorrect(N, 230));
        FakeScorer scorer = new FakeScorer(results);
        ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
        RacingScorer held = (instruction, index) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            pending.add(() -> f.complete(scorer.score(instruction, index).join()));
            return f;
        };
        CompletableFuture<RacingResult> race = Racing.forStrategy(EvaluationStrategy.FULL, RacingSettings.defaults())
                .race(List.of("bad", "good"), incumbents(20), ORDER, held);
        assertThat(pending).hasSize(2 * N);
        pending.forEach(Runnable::run);
        RacingResult result = race.join();

        assertThat(result.bar()).isEqualTo(Bar.NONE);
        assertThat(result.survivors()).hasSize(2);
        assertThat(result.scorerCalls()).isEqualTo(2L * N).isEqualTo(scorer.calls());
        assertThat(result.outcomes().get(0).accuracy()).hasValue(0.0);
        assertThat(result.outcomes().get(1).accuracy()).hasValue(230.0 / N);
    }

    @Test
    void dropsAHopelessCandidateWithinAFewExamplesAndFullyScoresAGoodOne() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N], "good", FakeScorer.firstCorrect(N, 230));
        FakeScorer scorer = new FakeScorer(results);
        Map<String, Integer> saved = new java.util.concurrent.ConcurrentHashMap<>();
        RacingResult result = new Racing(RacingSettings.defaults().withMaxInFlight(8))
                .race(List.of("bad", "good"), incumbents(20), ORDER, scorer, saved::put).join();

        CandidateOutcome bad = result.outcomes().get(0);
        assertThat(saved).as("the listener hears the drop and what it saves").containsOnlyKeys("bad")
                .containsEntry("bad", N - bad.scorerCalls());
        int seen = bad.droppedAfter().orElseThrow();
        assertThat(seen).isBetween(1, 20);
        // Its share of the window (4 of 8 calls) may be in flight when it is dropped; no more.
        assertThat(bad.scorerCalls()).isEqualTo(scorer.calls("bad")).isBetween(seen, seen + 4);
        assertThat(bad.accuracy()).isEmpty();
        assertThat(bad.partialAccuracy()).isZero();
        assertThat(bad.results()).extracting(RacedExample::exampleIndex)
                .containsExactly(java.util.Arrays.stream(ORDER.toArray()).limit(seen).boxed().toArray(Integer[]::new));

        CandidateOutcome good = result.outcomes().get(1);
        assertThat(good.scoredOnFullSplit()).isTrue();
        assertThat(good.accuracy()).hasValue(230.0 / N);
        assertThat(good.fullResults()).containsExactly(results.get("good"));
        assertThat(result.survivors()).containsExactly(good);
        assertThat(result.dropped()).containsExactly(bad);
        assertThat(result.scorerCalls()).isEqualTo(bad.scorerCalls() + N);
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
        assertThat(scorer.calls()).isEqualTo(N);
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
    void keepsTheWindowInFlightSharedByTheRunningCandidates() {
        List<CompletableFuture<Boolean>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        RacingScorer scorer = holding(pending);
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults().withMaxInFlight(64))
                .race(List.of("a", "b", "c"), incumbents(20), ORDER, scorer);

        // ceil(64 / 3) = 22 calls each, not the whole split.
        assertThat(pending).hasSize(3 * 22);
        assertThat(race).isNotDone();
        // All wrong, answered in the order asked: each candidate is dropped after its first few
        // results; the others' share grows as candidates leave, up to ceil(64 / 2) = 32.
        for (int i = 0; !race.isDone(); i++) {
            pending.get(i).complete(false);
            assertThat(pending.size() - (i + 1)).as("calls in flight").isLessThanOrEqualTo(3 * 22);
        }
        RacingResult result = race.join();
        assertThat(result.dropped()).hasSize(3);
        assertThat(result.scorerCalls()).isEqualTo(pending.size());
        for (CandidateOutcome c : result.outcomes()) {
            assertThat(c.droppedAfter().orElseThrow()).isLessThan(22);
            // at most its share of the window was still in flight when it was dropped
            assertThat(c.scorerCalls()).isLessThanOrEqualTo(c.droppedAfter().orElseThrow() + 64);
        }
    }

    @Test
    void aSlowFirstCallHoldsBackHowFarACandidateRunsAhead() {
        List<CompletableFuture<Boolean>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        RacingScorer scorer = holding(pending);
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults().withMaxInFlight(4))
                .race(List.of("a"), incumbents(20), ORDER, scorer);
        // Every call but the first completes at once; the first one hangs (a retry, say).
        for (int i = 1; i < pending.size(); i++) {
            pending.get(i).complete(false);
        }
        // In flight stays at 4, but results that cannot be looked at yet cap the run-ahead at 4 x 4.
        assertThat(pending).hasSize(RaceWindow.RUN_AHEAD * 4);
        pending.get(0).complete(false);
        assertThat(race.join().dropped()).hasSize(1);
    }

    @Test
    void aSurvivorsShareGrowsWhenOthersAreDropped() {
        Map<String, boolean[]> results = Map.of("bad", new boolean[N], "good", FakeScorer.firstCorrect(N, 230));
        java.util.ArrayDeque<Runnable> pending = new java.util.ArrayDeque<>();
        java.util.concurrent.atomic.AtomicInteger maxGood = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger goodInFlight = new java.util.concurrent.atomic.AtomicInteger();
        RacingScorer scorer = (instruction, index) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            if (instruction.equals("good")) {
                maxGood.accumulateAndGet(goodInFlight.incrementAndGet(), Math::max);
            }
            pending.add(() -> {
                if (instruction.equals("good")) {
                    goodInFlight.decrementAndGet();
                }
                f.complete(results.get(instruction)[index]);
            });
            return f;
        };
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults().withMaxInFlight(8))
                .race(List.of("bad", "good"), incumbents(20), ORDER, scorer);
        assertThat(pending).hasSize(8);
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
        RacingResult result = race.join();
        assertThat(result.outcomes().get(0).scoredOnFullSplit()).isFalse();
        assertThat(result.outcomes().get(1).accuracy()).hasValue(230.0 / N);
        assertThat(maxGood.get()).isEqualTo(8);
    }

    @Test
    void decisionsDoNotDependOnTheOrderCallsComplete() {
        List<Incumbent> top = incumbents(20);
        Map<String, boolean[]> results = candidatesFrom(0.55, 6, 5);
        List<String> names = results.keySet().stream().sorted().toList();
        RacingResult inOrder = new Racing(RacingSettings.defaults()).race(names, top, ORDER, new FakeScorer(results)).join();

        List<Runnable> pending = new java.util.ArrayList<>();
        RacingScorer shuffled = (instruction, index) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            pending.add(() -> f.complete(results.get(instruction)[index]));
            return f;
        };
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults()).race(names, top, ORDER, shuffled);
        java.util.Random shuffle = new java.util.Random(11);
        while (!race.isDone()) {
            List<Runnable> batch = new ArrayList<>(pending);
            pending.clear();
            java.util.Collections.shuffle(batch, shuffle);
            batch.forEach(Runnable::run);
        }
        RacingResult outOfOrder = race.join();
        for (int c = 0; c < names.size(); c++) {
            CandidateOutcome a = inOrder.outcomes().get(c);
            CandidateOutcome b = outOfOrder.outcomes().get(c);
            assertThat(b.droppedAfter()).as(names.get(c)).isEqualTo(a.droppedAfter());
            assertThat(b.results()).isEqualTo(a.results());
        }
        assertThat(inOrder.dropped()).isNotEmpty();
        assertThat(inOrder.survivors()).isNotEmpty();
    }

    @Test
    void underRealConcurrencyTheDecisionsMatchAndTheWindowHolds() throws Exception {
        List<Incumbent> top = incumbents(20);
        Map<String, boolean[]> results = candidatesFrom(0.50, 8, 9);
        List<String> names = results.keySet().stream().sorted().toList();
        RacingResult expected = new Racing(RacingSettings.defaults()).race(names, top, ORDER, new FakeScorer(results)).join();

        java.util.concurrent.ScheduledExecutorService pool = java.util.concurrent.Executors.newScheduledThreadPool(8);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.ThreadLocalRandom delays = java.util.concurrent.ThreadLocalRandom.current();
                RacingScorer threaded = (instruction, index) -> {
                    calls.incrementAndGet();
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    CompletableFuture<Boolean> f = new CompletableFuture<>();
                    pool.schedule(() -> {
                        inFlight.decrementAndGet();
                        f.complete(results.get(instruction)[index]);
                    }, delays.nextInt(0, 300), java.util.concurrent.TimeUnit.MICROSECONDS);
                    return f;
                };
                RacingResult actual = new Racing(RacingSettings.defaults().withMaxInFlight(16))
                        .race(names, top, ORDER, threaded).get(30, java.util.concurrent.TimeUnit.SECONDS);
                for (int c = 0; c < names.size(); c++) {
                    assertThat(actual.outcomes().get(c).droppedAfter()).as(names.get(c))
                            .isEqualTo(expected.outcomes().get(c).droppedAfter());
                    assertThat(actual.outcomes().get(c).results()).isEqualTo(expected.outcomes().get(c).results());
                }
                assertThat(actual.scorerCalls()).isEqualTo(calls.get());
                // 8 shares of ceil(16 / 8) = 2, growing to at most ceil(16 / 4) = 4 each as others leave
                assertThat(peak.get()).isLessThanOrEqualTo(8 * 4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedScorerCallFailsTheRace() {
        RacingScorer failing = (instruction, exampleIndex) -> exampleIndex == ORDER.exampleAt(5)
                ? CompletableFuture.failedFuture(new IllegalStateException("scorer down"))
                : CompletableFuture.completedFuture(true);
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults())
                .race(List.of("a"), incumbents(20), ORDER, failing);
        assertThatThrownBy(race::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("scorer down");

        RacingScorer throwing = (instruction, exampleIndex) -> {
            throw new IllegalStateException("bad wiring");
        };
        assertThatThrownBy(new Racing(RacingSettings.defaults()).race(List.of("a"), incumbents(20), ORDER, throwing)::join)
                .hasRootCauseMessage("bad wiring");
    }

    @Test
    void aFailedCallStopsEveryCandidateAndTheRaceReportsThatFailure() {
        List<CompletableFuture<Boolean>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        RacingScorer scorer = holding(pending);
        CompletableFuture<RacingResult> race = new Racing(RacingSettings.defaults().withMaxInFlight(4))
                .race(List.of("a", "b"), incumbents(20), ORDER, scorer);
        assertThat(pending).hasSize(4);
        pending.get(0).completeExceptionally(new IllegalStateException("scorer down"));
        for (int i = 1; i < pending.size(); i++) {
            pending.get(i).complete(true);
        }
        assertThat(pending).as("no call starts after the failure").hasSize(4);
        assertThatThrownBy(race::join).hasRootCauseMessage("scorer down");
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
                .hasMessageContaining("dropped after");
    }

    /** A scorer whose calls stay in flight until the test completes them. */
    private static RacingScorer holding(List<CompletableFuture<Boolean>> pending) {
        return (instruction, exampleIndex) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        };
    }

    /** {@code count} candidates "c0", "c1", ... right at random with chances {@code lowest}, +0.05, ... */
    private static Map<String, boolean[]> candidatesFrom(double lowest, int count, long seed) {
        Map<String, boolean[]> results = new HashMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int c = 0; c < count; c++) {
            boolean[] r = new boolean[N];
            double p = lowest + 0.05 * c;
            for (int i = 0; i < N; i++) {
                r[i] = random.nextDouble() < p;
            }
            results.put("c" + c, r);
        }
        return results;
    }
}
