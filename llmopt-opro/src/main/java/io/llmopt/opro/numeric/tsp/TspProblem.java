package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The paper's travelling-salesman problem (OPRO section 3.2): minimize the tour length, reported
 * as an integer, over tours that start at point 0 and visit every point once.
 */
public final class TspProblem implements NumericProblem<Tour> {

    private final TspInstance instance;
    private final List<Tour> startingTours;
    private final TspReference reference;
    private final int maxPairs;

    /**
     * @param reference the tour to compare against; when it is exact, reaching its length ends the run
     */
    public TspProblem(TspInstance instance, List<Tour> startingTours, TspReference reference, int maxPairs) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.startingTours = List.copyOf(startingTours);
        this.reference = Objects.requireNonNull(reference, "reference");
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be at least 1");
        }
        this.maxPairs = maxPairs;
    }

    /**
     * The reference experiment from one seed: the instance, then the starting algorithm's tour,
     * then 5 random starting tours drawn as the reference draws them, all from one RandomState.
     * The run is measured against {@link TspReferences#best}.
     */
    public static TspProblem reference(int n, long seed, StartingAlgorithm startingAlgorithm) {
        NumpyRandom rng = new NumpyRandom(seed);
        TspInstance instance = TspInstance.random(n, rng);
        Tour exclude = startingAlgorithm.solver().solve(instance).tour();
        List<Tour> starting = startingTours(rng, n, 5, exclude);
        return new TspProblem(instance, starting, TspReferences.best(instance), TspMetaPrompt.DEFAULT_MAX_PAIRS);
    }

    /**
     * Random permutations from {@code rng}, keeping those that start at 0 and differ from
     * {@code exclude}, as the reference does (it may keep the same permutation twice).
     */
    public static List<Tour> startingTours(NumpyRandom rng, int n, int count, Tour exclude) {
        List<Tour> tours = new ArrayList<>();
        while (tours.size() < count) {
            Tour t = new Tour(rng.permutation(n));
            if (t.at(0) == 0 && !t.equals(exclude)) {
                tours.add(t);
            }
        }
        return tours;
    }

    public TspInstance instance() {
        return instance;
    }

    public TspReference referenceTour() {
        return reference;
    }

    @Override
    public Direction direction() {
        return Direction.MINIMIZE;
    }

    @Override
    public List<Tour> startingSolutions() {
        return startingTours;
    }

    @Override
    public String metaPrompt(List<Evaluation<Tour>> scored) {
        return TspMetaPrompt.build(instance, scored, maxPairs);
    }

    @Override
    public Parsed<Tour> parse(String optimizerOutput) {
        return TraceParser.parse(optimizerOutput, instance.size());
    }

    /** The integer length the reference records and shows. */
    @Override
    public CompletableFuture<Double> evaluate(Tour tour) {
        return CompletableFuture.completedFuture((double) instance.reportedLength(tour));
    }

    @Override
    public String key(Tour tour) {
        return tour.trace();
    }

    @Override
    public boolean isOptimal(Tour tour, double value) {
        return reference.exact() && value <= reference.length();
    }
}
