package io.llmopt.opro.racing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Full versus racing evaluation, with simulated scorer outcomes ({@link ItemResponseWorld}) and a
 * simulated scorer of capacity 64 ({@link TickingScorer}) instead of an LLM.
 *
 * <p>Two tables. <b>Per step</b>: a history of H scored instructions (true accuracies uniform on
 * [0.55, 0.80], the range of the paper's GSM8K curves) gives the top-20 incumbents; a step adds 8
 * candidates from the same range. H = 40 is an early step, 1,600 the last step of a 200-step run.
 * <b>Whole run</b>: 200 steps of 8 candidates from an empty history, where only the candidates
 * racing keeps enter the history (as in the loop): what a paper-scale run costs and what it ends
 * up showing. Candidates either come from a fixed range ("flat") or improve over the run
 * ("rising": uniform on [0.50, 0.65 + 0.15 t/200], like an optimizer that learns).
 *
 * <p>Regret: mean true accuracy of the true top-20 minus that of the top-20 chosen by full-split
 * scores, in accuracy points. Full evaluation has regret too, because a 261-example score is
 * noisy; racing's own cost is the difference ("extra").
 *
 * <p>Run: {@code ./scripts/bench llmopt-opro RacingBenchmark}
 */
@Tag("benchmark")
class RacingBenchmark {

    private static final int N = 261;
    private static final int K = 20;
    private static final int CANDIDATES = 8;
    private static final int CAPACITY = 64;
    private static final int STEP_TRIALS = 400;
    private static final int RUNS = 10;
    private static final int RUN_STEPS = 200;
    private static final long FULL_STEP_CALLS = (long) CANDIDATES * N;

    private record Setting(String name, Racing racing) {
    }

    private static List<Setting> settings() {
        RacingSettings base = RacingSettings.defaults().withMaxInFlight(CAPACITY);
        List<Setting> list = new ArrayList<>();
        list.add(new Setting("full", Racing.forStrategy(EvaluationStrategy.FULL, base)));
        list.add(new Setting("racing (default d=0.5)", new Racing(base)));
        list.add(new Setting("betting d=0.2", new Racing(base.withDelta(0.2))));
        list.add(new Setting("betting d=0.05", new Racing(base.withDelta(0.05))));
        list.add(new Setting("hoeffding d=0.5", new Racing(base.withBound(DropBound.HOEFFDING))));
        return list;
    }

    private record Scored(String name, double truth, boolean[] outcomes, double score) {
        Scored(String name, double truth, boolean[] outcomes) {
            this(name, truth, outcomes, ItemResponseWorld.score(outcomes));
        }
    }

    // ---------------------------------------------------------------- per step

    private record Step(List<Scored> incumbents, List<Scored> candidates, double disagreement) {
    }

    @Test
    void perStep() {
        StringBuilder out = new StringBuilder(String.format(
                "%nRacing, one step: %d examples, top-%d incumbents, %d candidates, scorer capacity %d, %d trials per row;"
                        + " regret in accuracy points (mean / max)%n", N, K, CANDIDATES, CAPACITY, STEP_TRIALS));
        String header = String.format("| %-12s | %-23s | %6s | %6s | %6s | %6s | %13s | %13s | %13s | %8s | %6s | %5s |",
                "scenario", "evaluation", "calls", "saving", "rounds", "surviv", "regret full", "regret", "extra regret",
                "wrong/st", "oracle", "disag");
        out.append(header).append('\n').append(header.replaceAll("[^|]", "-")).append('\n');
        for (double spread : new double[] {1.5, 3.0}) {
            for (int history : new int[] {40, 100, 200, 400, 800, 1600}) {
                List<Step> steps = new ArrayList<>();
                for (int trial = 0; trial < STEP_TRIALS; trial++) {
                    steps.add(step(history, spread, new SplittableRandom(1000L * history + trial + (long) (spread * 7))));
                }
                double[] fullRegret = null;
                for (Setting setting : settings()) {
                    StepRow row = runSteps(setting, steps);
                    if (fullRegret == null) {
                        fullRegret = row.regret();
                    }
                    double[] extra = new double[steps.size()];
                    for (int t = 0; t < extra.length; t++) {
                        extra[t] = row.regret()[t] - fullRegret[t];
                    }
                    out.append(String.format("| %-12s | %-23s | %6.0f | %5.2fx | %6.1f | %6.2f | %5.2f / %5.2f | %5.2f / %5.2f"
                                    + " | %5.2f / %5.2f | %8.3f | %5.2fx | %5.3f |%n",
                            String.format("H=%d s=%.1f", history, spread), setting.name(), row.calls(),
                            FULL_STEP_CALLS / row.calls(), row.ticks(), row.survivors(), mean(fullRegret), max(fullRegret),
                            mean(row.regret()), max(row.regret()), mean(extra), max(extra), row.wrong(),
                            FULL_STEP_CALLS / row.oracle(),
                            steps.stream().mapToDouble(Step::disagreement).average().orElseThrow()));
                    if (setting.name().startsWith("racing (default")) {
                        assertThat(mean(extra)).as("racing's extra regret at H=%d", history).isLessThan(0.5);
                    }
                }
            }
        }
        System.out.print(out);
    }

    /**
     * @param wrong  dropped candidates whose full-split score reaches the bar, per step
     * @param oracle calls of an oracle that knows every full-split score: one call for each
     *               candidate below the bar, the whole split for the others
     */
    private record StepRow(double calls, double ticks, double survivors, double[] regret, double wrong, double oracle) {
    }

    private static StepRow runSteps(Setting setting, List<Step> steps) {
        double calls = 0;
        double ticks = 0;
        double survivors = 0;
        double wrong = 0;
        double oracle = 0;
        double[] regret = new double[steps.size()];
        for (int t = 0; t < steps.size(); t++) {
            Step step = steps.get(t);
            Map<String, boolean[]> outcomes = new HashMap<>();
            step.candidates().forEach(c -> outcomes.put(c.name(), c.outcomes()));
            TickingScorer scorer = new TickingScorer(outcomes, CAPACITY);
            var race = setting.racing().race(step.candidates().stream().map(Scored::name).toList(),
                    step.incumbents().stream().map(RacingBenchmark::incumbent).toList(),
                    ExampleOrder.forStep(N, 99, t), scorer);
            ticks += scorer.runUntilDone(race);
            RacingResult result = race.join();
            calls += scorer.calls();
            survivors += result.survivors().size();
            double bar = barOf(step.incumbents());
            for (Scored c : step.candidates()) {
                oracle += c.score() >= bar ? N : 1;
            }
            List<String> kept = result.survivors().stream().map(CandidateOutcome::instruction).toList();
            for (Scored c : step.candidates()) {
                if (!kept.contains(c.name())) {
                    wrong += c.score() >= bar ? 1 : 0;
                }
            }
            List<Scored> shown = new ArrayList<>(step.incumbents());
            step.candidates().stream().filter(c -> kept.contains(c.name())).forEach(shown::add);
            List<Scored> all = new ArrayList<>(step.incumbents());
            all.addAll(step.candidates());
            regret[t] = regret(shown, all);
        }
        int n = steps.size();
        return new StepRow(calls / n, ticks / n, survivors / n, regret, wrong / n, oracle / n);
    }

    private static Step step(int history, double spread, SplittableRandom random) {
        ItemResponseWorld world = new ItemResponseWorld(N, spread, random);
        List<Scored> pool = new ArrayList<>();
        for (int h = 0; h < history; h++) {
            double truth = 0.55 + 0.25 * random.nextDouble();
            pool.add(new Scored("incumbent " + h, truth, world.outcomes(truth, random)));
        }
        List<Scored> top = topByScore(pool);
        List<Scored> candidates = new ArrayList<>();
        for (int c = 0; c < CANDIDATES; c++) {
            double truth = 0.55 + 0.25 * random.nextDouble();
            candidates.add(new Scored("candidate " + c, truth, world.outcomes(truth, random)));
        }
        return new Step(top, candidates, world.disagreement(random));
    }

    // ---------------------------------------------------------------- whole run

    @Test
    void wholeRun() {
        StringBuilder out = new StringBuilder(String.format(
                "%nRacing, whole run: %d steps x %d candidates x %d examples (full: %,d scorer calls), top-%d,"
                        + " scorer capacity %d, %d runs per row; regret of the final top-%d in accuracy points (mean / max)%n",
                RUN_STEPS, CANDIDATES, N, RUN_STEPS * FULL_STEP_CALLS, K, CAPACITY, RUNS, K));
        String header = String.format("| %-14s | %-23s | %9s | %6s | %6s | %7s | %6s | %13s | %13s | %13s |",
                "candidates", "evaluation", "calls", "saving", "oracle", "rounds", "kept", "regret full", "regret",
                "extra regret");
        out.append(header).append('\n').append(header.replaceAll("[^|]", "-")).append('\n');
        for (String pool : List.of("flat", "rising")) {
            for (double spread : new double[] {1.5, 3.0}) {
                double[] fullRegret = null;
                for (Setting setting : settings()) {
                    double calls = 0;
                    double oracle = 0;
                    double ticks = 0;
                    double kept = 0;
                    double[] regret = new double[RUNS];
                    for (int run = 0; run < RUNS; run++) {
                        RunOutcome r = run(setting, pool, spread, 7919L * run + (long) (spread * 10));
                        calls += r.calls();
                        oracle += r.oracleCalls();
                        ticks += r.ticks();
                        kept += r.kept();
                        regret[run] = r.regret();
                    }
                    if (fullRegret == null) {
                        fullRegret = regret;
                    }
                    double[] extra = new double[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        extra[i] = regret[i] - fullRegret[i];
                    }
                    out.append(String.format("| %-14s | %-23s | %,9.0f | %5.2fx | %5.2fx | %7.0f | %6.0f | %5.2f / %5.2f"
                                    + " | %5.2f / %5.2f | %5.2f / %5.2f |%n",
                            String.format("%s s=%.1f", pool, spread), setting.name(), calls / RUNS,
                            RUN_STEPS * FULL_STEP_CALLS / (calls / RUNS), RUN_STEPS * FULL_STEP_CALLS / (oracle / RUNS),
                            ticks / RUNS, kept / RUNS,
                            mean(fullRegret), max(fullRegret), mean(regret), max(regret), mean(extra), max(extra)));
                }
            }
        }
        System.out.print(out);
    }

    /**
     * @param oracleCalls calls of an oracle that knows every full-split score, over the same
     *                    history: one call for each candidate below its step's bar, the whole
     *                    split for the others
     */
    private record RunOutcome(long calls, long oracleCalls, long ticks, int kept, double regret) {
    }

    private static RunOutcome run(Setting setting, String pool, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ItemResponseWorld world = new ItemResponseWorld(N, spread, random);
        List<Scored> history = new ArrayList<>();
        List<Scored> generated = new ArrayList<>();
        Scored initial = new Scored("initial", 0.55, world.outcomes(0.55, random));
        history.add(initial);
        generated.add(initial);
        long calls = 0;
        long oracleCalls = 0;
        long ticks = 0;
        for (int step = 1; step <= RUN_STEPS; step++) {
            List<Scored> candidates = new ArrayList<>();
            for (int c = 0; c < CANDIDATES; c++) {
                double truth = candidateTruth(pool, step, random);
                candidates.add(new Scored("s" + step + "c" + c, truth, world.outcomes(truth, random)));
            }
            generated.addAll(candidates);
            Map<String, boolean[]> outcomes = new HashMap<>();
            candidates.forEach(c -> outcomes.put(c.name(), c.outcomes()));
            TickingScorer scorer = new TickingScorer(outcomes, CAPACITY);
            var race = setting.racing().race(candidates.stream().map(Scored::name).toList(),
                    topByScore(history).stream().map(RacingBenchmark::incumbent).toList(),
                    ExampleOrder.forStep(N, seed, step), scorer);
            ticks += scorer.runUntilDone(race);
            calls += scorer.calls();
            RacingResult result = race.join();
            double bar = barOf(topByScore(history));
            for (Scored c : candidates) {
                oracleCalls += c.score() >= bar ? N : 1;
            }
            List<String> kept = result.survivors().stream().map(CandidateOutcome::instruction).toList();
            candidates.stream().filter(c -> kept.contains(c.name())).forEach(history::add);
        }
        return new RunOutcome(calls, oracleCalls, ticks, history.size() - 1, regret(history, generated));
    }

    private static double candidateTruth(String pool, int step, SplittableRandom random) {
        return pool.equals("flat")
                ? 0.55 + 0.25 * random.nextDouble()
                : 0.50 + (0.15 + 0.15 * step / RUN_STEPS) * random.nextDouble();
    }

    // ---------------------------------------------------------------- drop rate

    /**
     * What delta means in practice: how often a candidate at a given distance from the bar is
     * dropped, and what it costs, over random example orders. The bar incumbent gets 183 of 261
     * (0.70); the candidate differs from it on 60 examples (23%, between the two spreads above).
     */
    @Test
    void dropRateByDistanceToTheBar() {
        int trials = 2000;
        int barCorrect = 183;
        int discordant = 60;
        int[] excess = {-26, -13, -8, -4, 0, 4, 8, 13, 20, 26};
        double[] deltas = {0.5, 0.2, 0.05};
        StringBuilder out = new StringBuilder(String.format(
                "%nRacing, drop rate by distance to the bar (bar 183/261 = 0.701, %d discordant examples, %d orders,"
                        + " 8 calls in flight): dropped share / mean scorer calls%n", discordant, trials));
        StringBuilder header = new StringBuilder("| candidate - bar |");
        for (double delta : deltas) {
            header.append(String.format(" %-20s |", "betting d=" + delta));
        }
        out.append(header).append('\n').append(header.toString().replaceAll("[^|]", "-")).append('\n');
        for (int e : excess) {
            int onlyCandidate = (discordant + e) / 2;
            int onlyBar = discordant - onlyCandidate;
            boolean[] bar = new boolean[N];
            boolean[] candidate = new boolean[N];
            for (int i = 0; i < barCorrect; i++) {
                bar[i] = true;
                candidate[i] = i >= onlyBar;
            }
            for (int i = barCorrect; i < barCorrect + onlyCandidate; i++) {
                candidate[i] = true;
            }
            double points = 100.0 * (ItemResponseWorld.score(candidate) - ItemResponseWorld.score(bar));
            StringBuilder line = new StringBuilder(String.format("| %+8.1f points |", points));
            for (double delta : deltas) {
                Racing racing = new Racing(RacingSettings.defaults().withK(1).withDelta(delta).withMaxInFlight(8));
                FakeScorer scorer = new FakeScorer(Map.of("candidate", candidate));
                int drops = 0;
                for (int trial = 0; trial < trials; trial++) {
                    drops += racing.race(List.of("candidate"), List.of(new Incumbent("bar", bar)),
                            ExampleOrder.forStep(N, 17, trial), scorer).join().dropped().size();
                }
                line.append(String.format(" %6.3f / %5.0f calls |", (double) drops / trials, (double) scorer.calls() / trials));
            }
            out.append(line).append('\n');
        }
        System.out.print(out);
    }

    // ---------------------------------------------------------------- shared

    private static Incumbent incumbent(Scored s) {
        return new Incumbent(s.name(), s.outcomes());
    }

    /** The bar as racing sets it, computed here so that full evaluation, which sets none, gets its oracle too. */
    private static double barOf(List<Scored> incumbents) {
        return Bar.of(incumbents.stream().map(RacingBenchmark::incumbent).toList(), K, 0).score();
    }

    private static List<Scored> topByScore(List<Scored> scored) {
        return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(K).toList();
    }

    /** True top-k of {@code all} minus the true accuracy of the top-k of {@code shown} by score, in points. */
    private static double regret(List<Scored> shown, List<Scored> all) {
        double chosen = topByScore(shown).stream().mapToDouble(Scored::truth).average().orElseThrow();
        double best = all.stream().mapToDouble(Scored::truth).boxed().sorted(Comparator.reverseOrder()).limit(K)
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        return 100 * (best - chosen);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
