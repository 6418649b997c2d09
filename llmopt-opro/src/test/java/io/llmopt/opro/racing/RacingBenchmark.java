package io.llmopt.opro.racing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Full versus racing evaluation of one OPRO step, with simulated scorer outcomes instead of an LLM.
 *
 * <p>World: 261 training examples (GSM8K's training split in the paper) with difficulties
 * {@code b_i ~ Normal(0, spread)}; an instruction of true accuracy {@code a} answers example
 * {@code i} correctly with probability {@code sigmoid(theta - b_i)}, {@code theta} calibrated so
 * the mean over the examples is {@code a}. The difficulty spread sets how much instructions agree
 * on which examples are hard (the "disagree" column: the share of examples on which two 0.70
 * instructions differ). True accuracies are uniform on [0.55, 0.80], the range of the paper's
 * GSM8K curves. A history of {@code H} scored instructions gives the top-20 incumbents (by
 * full-split score); a step adds 8 new candidates from the same range. The larger the history,
 * the higher the bar and the fewer candidates can enter: H = 40 is an early step, 200 a late one.
 *
 * <p>Regret: mean true accuracy of the true top-20 of (incumbents + candidates) minus that of the
 * top-20 chosen by full-split scores (full: all candidates; racing: the survivors), in accuracy
 * points. Full evaluation has regret too, because a 261-example score is noisy; racing's own cost
 * is the difference.
 *
 * <p>Run: {@code mvn -Pbench -pl llmopt-opro -am test -Dtest=RacingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class RacingBenchmark {

    private static final int N = 261;
    private static final int K = 20;
    private static final int CANDIDATES = 8;
    private static final int TRIALS = 400;
    private static final double LOW = 0.55;
    private static final double HIGH = 0.80;

    /** One simulated step: incumbents and candidates with their true accuracies and outcomes. */
    private record World(List<Incumbent> incumbents, double[] incumbentTruth, Map<String, boolean[]> candidates,
                         Map<String, Double> candidateTruth, double disagreement) {
    }

    private record Row(String scenario, String setting, double callsPerStep, double savings,
                       double survivors, double fullRegretMean, double fullRegretMax,
                       double regretMean, double regretMax, double excessMean, double excessMax,
                       double wrongDrops, double disagree) {
    }

    @Test
    void fullVersusRacing() {
        List<Row> rows = new ArrayList<>();
        for (double spread : new double[] {1.5, 3.0}) {
            for (int history : new int[] {40, 100, 200, 400}) {
                List<World> worlds = new ArrayList<>();
                for (int trial = 0; trial < TRIALS; trial++) {
                    worlds.add(world(history, spread, new SplittableRandom(1000L * history + trial + (long) (spread * 7))));
                }
                String scenario = String.format("H=%d s=%.1f", history, spread);
                rows.add(run(scenario, "full", worlds, Racing.forStrategy(EvaluationStrategy.FULL, RacingSettings.defaults())));
                for (double delta : new double[] {0.05, 0.2, 0.5}) {
                    rows.add(run(scenario, "betting d=" + delta, worlds,
                            new Racing(RacingSettings.defaults().withDelta(delta))));
                }
                rows.add(run(scenario, "betting d=0.2 10x1.5", worlds, new Racing(RacingSettings.defaults()
                        .withDelta(0.2).withSchedule(new BatchSchedule(10, 1.5)))));
                rows.add(run(scenario, "hoeffding d=0.05", worlds,
                        new Racing(RacingSettings.defaults().withBound(DropBound.HOEFFDING))));
            }
        }
        print(rows);
        for (Row row : rows) {
            if (row.setting().equals("betting d=0.05")) {
                assertThat(row.excessMean()).as("racing's extra regret, %s", row.scenario()).isLessThan(0.5);
            }
        }
    }

    private static Row run(String scenario, String setting, List<World> worlds, Racing racing) {
        double calls = 0;
        double survivors = 0;
        double wrongDrops = 0;
        double[] fullRegret = new double[worlds.size()];
        double[] regret = new double[worlds.size()];
        double disagree = 0;
        for (int t = 0; t < worlds.size(); t++) {
            World w = worlds.get(t);
            List<String> names = new ArrayList<>(w.candidates().keySet());
            names.sort(Comparator.naturalOrder());
            Map<String, boolean[]> outcomes = w.candidates();
            ExampleScorer scorer = (instruction, index) -> CompletableFuture.completedFuture(outcomes.get(instruction)[index]);
            RacingResult result = racing.race(names, w.incumbents(), ExampleOrder.forStep(N, 99, t), scorer).join();
            calls += result.scorerCalls();
            survivors += result.survivors().size();
            double bar = result.bar().score();
            for (CandidateOutcome dropped : result.dropped()) {
                if (score(outcomes.get(dropped.instruction())) >= bar) {
                    wrongDrops++;
                }
            }
            regret[t] = regret(w, result.survivors().stream().map(CandidateOutcome::instruction).toList());
            fullRegret[t] = regret(w, names);
            disagree += w.disagreement();
        }
        int n = worlds.size();
        double[] excess = new double[n];
        for (int t = 0; t < n; t++) {
            excess[t] = regret[t] - fullRegret[t];
        }
        double perStep = calls / n;
        return new Row(scenario, setting, perStep, (double) CANDIDATES * N / perStep, survivors / n,
                mean(fullRegret), max(fullRegret), mean(regret), max(regret), mean(excess), max(excess),
                wrongDrops / n, disagree / n);
    }

    /** Regret in accuracy points of choosing the top-k by full-split score among incumbents + the given candidates. */
    private static double regret(World w, List<String> scoredCandidates) {
        record Entry(double score, double truth) {
        }
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < w.incumbents().size(); i++) {
            all.add(new Entry(w.incumbents().get(i).score(), w.incumbentTruth()[i]));
        }
        List<Double> truths = new ArrayList<>(Arrays.stream(w.incumbentTruth()).boxed().toList());
        for (Map.Entry<String, boolean[]> c : w.candidates().entrySet()) {
            truths.add(w.candidateTruth().get(c.getKey()));
            if (scoredCandidates.contains(c.getKey())) {
                all.add(new Entry(score(c.getValue()), w.candidateTruth().get(c.getKey())));
            }
        }
        double chosen = all.stream().sorted(Comparator.comparingDouble(Entry::score).reversed()).limit(K)
                .mapToDouble(Entry::truth).average().orElseThrow();
        double best = truths.stream().sorted(Comparator.reverseOrder()).limit(K)
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        return 100 * (best - chosen);
    }

    private static World world(int history, double spread, SplittableRandom random) {
        double[] difficulty = new double[N];
        for (int i = 0; i < N; i++) {
            difficulty[i] = spread * gaussian(random);
        }
        double[] curve = accuracyCurve(difficulty);
        record Scored(double truth, boolean[] outcomes) {
        }
        List<Scored> pool = new ArrayList<>();
        for (int h = 0; h < history; h++) {
            double truth = LOW + (HIGH - LOW) * random.nextDouble();
            pool.add(new Scored(truth, outcomes(truth, difficulty, curve, random)));
        }
        pool.sort(Comparator.comparingDouble((Scored s) -> score(s.outcomes())).reversed());
        List<Incumbent> incumbents = new ArrayList<>();
        double[] incumbentTruth = new double[K];
        for (int i = 0; i < K; i++) {
            incumbents.add(new Incumbent("incumbent " + i, pool.get(i).outcomes()));
            incumbentTruth[i] = pool.get(i).truth();
        }
        Map<String, boolean[]> candidates = new HashMap<>();
        Map<String, Double> candidateTruth = new HashMap<>();
        for (int c = 0; c < CANDIDATES; c++) {
            double truth = LOW + (HIGH - LOW) * random.nextDouble();
            candidates.put("candidate " + c, outcomes(truth, difficulty, curve, random));
            candidateTruth.put("candidate " + c, truth);
        }
        boolean[] a = outcomes(0.70, difficulty, curve, random);
        boolean[] b = outcomes(0.70, difficulty, curve, random);
        int differ = 0;
        for (int i = 0; i < N; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        return new World(incumbents, incumbentTruth, candidates, candidateTruth, (double) differ / N);
    }

    /** Bernoulli outcomes with P(correct on i) = sigmoid(theta - b_i), mean P calibrated to the truth. */
    private static boolean[] outcomes(double truth, double[] difficulty, double[] accuracyCurve, SplittableRandom random) {
        double theta = thetaFor(truth, accuracyCurve);
        boolean[] out = new boolean[difficulty.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextDouble() < sigmoid(theta - difficulty[i]);
        }
        return out;
    }

    private static final double THETA_MIN = -12;
    private static final double THETA_STEP = 0.01;

    /** Mean P(correct) over the examples on a grid of abilities: computed once per world, inverted per instruction. */
    private static double[] accuracyCurve(double[] difficulty) {
        double[] curve = new double[2401];
        for (int g = 0; g < curve.length; g++) {
            double theta = THETA_MIN + g * THETA_STEP;
            double mean = 0;
            for (double b : difficulty) {
                mean += sigmoid(theta - b);
            }
            curve[g] = mean / difficulty.length;
        }
        return curve;
    }

    private static double thetaFor(double truth, double[] curve) {
        int hi = 1;
        while (curve[hi] < truth) {
            hi++;
        }
        double fraction = (truth - curve[hi - 1]) / (curve[hi] - curve[hi - 1]);
        return THETA_MIN + (hi - 1 + fraction) * THETA_STEP;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double score(boolean[] outcomes) {
        int c = 0;
        for (boolean o : outcomes) {
            c += o ? 1 : 0;
        }
        return (double) c / outcomes.length;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static void print(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nRacing benchmark: %d examples, top-%d incumbents, %d candidates per step, %d trials per row"
                + "; regret in accuracy points (mean / max over trials)%n", N, K, CANDIDATES, TRIALS));
        String header = String.format("| %-12s | %-22s | %7s | %6s | %6s | %13s | %13s | %13s | %7s | %8s |",
                "scenario", "evaluation", "calls", "saving", "surviv", "regret full", "regret", "extra regret",
                "wrong/st", "disagree");
        out.append(header).append('\n');
        out.append(header.replaceAll("[^|]", "-")).append('\n');
        for (Row r : rows) {
            out.append(String.format("| %-12s | %-22s | %7.0f | %5.2fx | %6.2f | %5.2f / %5.2f | %5.2f / %5.2f | %5.2f / %5.2f | %8.3f | %8.3f |%n",
                    r.scenario(), r.setting(), r.callsPerStep(), r.savings(), r.survivors(),
                    r.fullRegretMean(), r.fullRegretMax(), r.regretMean(), r.regretMax(),
                    r.excessMean(), r.excessMax(), r.wrongDrops(), r.disagree()));
        }
        System.out.print(out);
    }
}
