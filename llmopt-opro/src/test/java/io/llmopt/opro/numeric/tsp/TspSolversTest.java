package io.llmopt.opro.numeric.tsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class TspSolversTest {

    private static TspInstance square() {
        // A 10x10 square with a point in the middle of the bottom edge: the optimum is the perimeter.
        return new TspInstance(new int[] {0, 10, 0, 10, 5}, new int[] {0, 10, 10, 0, 0});
    }

    @Test
    void heldKarpSolvesAHandMadeInstance() {
        TspReference ref = new HeldKarpSolver().solve(square());
        assertThat(ref.length()).isEqualTo(40);
        assertThat(ref.exact()).isTrue();
        assertThat(ref.tour().at(0)).isZero();
        assertThat(ref.tour().isPermutationOf(5)).isTrue();
    }

    @Test
    void heldKarpAgreesWithBruteForceUpToEightPoints() {
        for (int n = 3; n <= 8; n++) {
            for (long seed = 0; seed < 5; seed++) {
                TspInstance instance = TspInstance.random(n, new NumpyRandom(seed * 13 + n));
                TspReference hk = new HeldKarpSolver().solve(instance);
                assertThat(instance.length(hk.tour())).as("n=%d seed=%d", n, seed).isCloseTo(bruteForce(instance), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void heuristicsGiveValidToursNoShorterThanTheOptimum() {
        for (long seed = 0; seed < 10; seed++) {
            TspInstance instance = TspInstance.random(10, new NumpyRandom(seed));
            double optimum = instance.length(new HeldKarpSolver().solve(instance).tour());
            for (TspSolver solver : new TspSolver[] {new NearestNeighbourSolver(), new FarthestInsertionSolver(), new LocalSearchSolver()}) {
                TspReference ref = solver.solve(instance);
                assertThat(ref.tour().isPermutationOf(10)).isTrue();
                assertThat(ref.tour().at(0)).isZero();
                assertThat(instance.length(ref.tour())).isGreaterThanOrEqualTo(optimum - 1e-9);
                assertThat(ref.exact()).isFalse();
            }
        }
    }

    @Test
    void nearestNeighbourFollowsTheClosestUnvisitedPoint() {
        TspInstance line = new TspInstance(new int[] {0, 5, 1, 3}, new int[] {0, 0, 0, 0});
        assertThat(new NearestNeighbourSolver().solve(line).tour()).isEqualTo(new Tour(0, 2, 3, 1));
    }

    @Test
    void localSearchImprovesOnBothHeuristicsOnALargerInstance() {
        TspInstance instance = TspInstance.random(80, new NumpyRandom(3));
        TspReference ls = new LocalSearchSolver().solve(instance);
        long nn = new NearestNeighbourSolver().solve(instance).length();
        long fi = new FarthestInsertionSolver().solve(instance).length();
        assertThat(ls.tour().isPermutationOf(80)).isTrue();
        assertThat(ls.length()).isLessThanOrEqualTo(Math.min(nn, fi));
        assertThat(ls.method()).startsWith("2-opt+or-opt from ");
        assertThat(TspReferences.best(instance).method()).isEqualTo(ls.method());
    }

    @Test
    void localSearchFindsTheOptimumOnSmallInstancesMostOfTheTime() {
        int hits = 0;
        for (long seed = 0; seed < 20; seed++) {
            TspInstance instance = TspInstance.random(11, new NumpyRandom(seed + 100));
            if (new LocalSearchSolver().solve(instance).length() == new HeldKarpSolver().solve(instance).length()) {
                hits++;
            }
        }
        assertThat(hits).isGreaterThanOrEqualTo(15);
    }

    private static double bruteForce(TspInstance instance) {
        int n = instance.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] best = {Double.POSITIVE_INFINITY};
        permute(instance, perm, 1, best);
        return best[0];
    }

    private static void permute(TspInstance instance, int[] perm, int k, double[] best) {
        if (k == perm.length) {
            best[0] = Math.min(best[0], instance.length(new Tour(perm)));
            return;
        }
        for (int i = k; i < perm.length; i++) {
            swap(perm, k, i);
            permute(instance, perm, k + 1, best);
            swap(perm, k, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
