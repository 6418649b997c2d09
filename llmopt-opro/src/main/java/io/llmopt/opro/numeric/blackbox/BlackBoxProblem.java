package io.llmopt.opro.numeric.blackbox;

import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.numeric.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * A user objective over a {@link SearchSpace} as an OPRO problem: random starting candidates,
 * the paper-style meta-prompt, JSON answers validated against the space.
 */
public final class BlackBoxProblem implements NumericProblem<Candidate> {

    private final SearchSpace space;
    private final Objective objective;
    private final List<Candidate> starting;
    private final OptionalDouble target;
    private final int maxPairs;

    /**
     * @param target a value good enough to stop at (reached when at least as good), or empty
     */
    public BlackBoxProblem(SearchSpace space, Objective objective, List<Candidate> starting, OptionalDouble target, int maxPairs) {
        this.space = Objects.requireNonNull(space, "space");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.starting = List.copyOf(starting);
        this.target = Objects.requireNonNull(target, "target");
        this.maxPairs = maxPairs;
        for (Candidate c : this.starting) {
            space.validate(c).ifPresent(r -> {
                throw new IllegalArgumentException("starting candidate " + c + " is invalid: " + r);
            });
        }
    }

    /** Starts from {@code count} random candidates drawn with {@code seed}. */
    public static BlackBoxProblem withRandomStart(SearchSpace space, Objective objective, int count, long seed, OptionalDouble target) {
        RandomCandidates random = new RandomCandidates(space, seed);
        List<Candidate> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(random.next());
        }
        return new BlackBoxProblem(space, objective, starting, target, BlackBoxMetaPrompt.DEFAULT_MAX_PAIRS);
    }

    public SearchSpace space() {
        return space;
    }

    @Override
    public Direction direction() {
        return space.direction();
    }

    @Override
    public List<Candidate> startingSolutions() {
        return starting;
    }

    @Override
    public String metaPrompt(List<Evaluation<Candidate>> scored) {
        return BlackBoxMetaPrompt.build(space, scored, maxPairs);
    }

    @Override
    public Parsed<Candidate> parse(String optimizerOutput) {
        return CandidateParser.parse(optimizerOutput, space);
    }

    @Override
    public Optional<Rejection> validate(Candidate candidate) {
        return space.validate(candidate);
    }

    @Override
    public CompletableFuture<Double> evaluate(Candidate candidate) {
        return objective.evaluate(candidate);
    }

    @Override
    public String key(Candidate candidate) {
        return candidate.toJson();
    }

    @Override
    public boolean isOptimal(Candidate candidate, double value) {
        return target.isPresent() && (value == target.getAsDouble() || direction().isBetter(value, target.getAsDouble()));
    }
}
