package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tours a TSP run starts from. {@link #RANDOM} is the paper's setting: five random tours
 * from 0, drawn exactly as the reference draws them. The heuristic starts put that heuristic's
 * tour first and four random tours after it: a warm start, to see whether the optimizer can
 * improve on a good tour rather than find one.
 */
public enum TourStart {
    RANDOM,
    NEAREST_NEIGHBOUR,
    FARTHEST_INSERTION;

    /** How many starting tours a run gets, as in the paper. */
    public static final int STARTING_TOURS = 5;

    /**
     * The instance of repetition {@code seed} and its starting tours, measured against
     * {@code reference}. With {@link #RANDOM} this is exactly {@link TspProblem#reference}.
     */
    public TspProblem problem(int n, long seed, TspSolver reference) {
        NumpyRandom rng = new NumpyRandom(seed);
        TspInstance instance = TspInstance.random(n, rng);
        // The reference's default starting algorithm decides which tour the random ones avoid.
        Tour heuristic = (this == NEAREST_NEIGHBOUR ? new NearestNeighbourSolver() : new FarthestInsertionSolver())
                .solve(instance).tour();
        List<Tour> starting = new ArrayList<>();
        if (this != RANDOM) {
            starting.add(heuristic);
        }
        starting.addAll(TspProblem.startingTours(rng, n, STARTING_TOURS - starting.size(), heuristic));
        return new TspProblem(instance, starting, reference.solve(instance), TspMetaPrompt.DEFAULT_MAX_PAIRS);
    }

    /** The option value: "random", "nearest-neighbour", "farthest-insertion". */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static TourStart parse(String text) {
        for (TourStart s : values()) {
            if (s.optionName().equalsIgnoreCase(text.trim()) || s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("the start must be random, nearest-neighbour or farthest-insertion, got '" + text + "'");
    }
}
