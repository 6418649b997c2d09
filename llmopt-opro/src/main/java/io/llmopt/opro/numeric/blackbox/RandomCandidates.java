package io.llmopt.opro.numeric.blackbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Uniform random candidates from a space, reproducible from a seed: numbers uniform over the
 * range (or its grid), a uniform choice, and an empty text for free-text parameters (random text
 * means nothing; the optimizer or the user supplies it).
 */
public final class RandomCandidates {

    private final SearchSpace space;
    private final SplittableRandom random;

    public RandomCandidates(SearchSpace space, long seed) {
        this.space = space;
        this.random = new SplittableRandom(seed);
    }

    public Candidate next() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            values.put(p.name(), switch (p) {
                case Parameter.Numeric n -> number(n);
                case Parameter.Categorical c -> c.choices().get(random.nextInt(c.choices().size()));
                case Parameter.Text t -> "";
            });
        }
        return new Candidate(values);
    }

    private Object number(Parameter.Numeric n) {
        if (n.step() != null) {
            long steps = (long) Math.floor((n.max() - n.min()) / n.step() + 1e-9);
            double v = n.min() + random.nextLong(steps + 1) * n.step();
            return n.integer() ? (Object) Math.round(v) : (Object) v;
        }
        if (n.integer()) {
            long lo = (long) Math.ceil(n.min());
            long hi = (long) Math.floor(n.max());
            return lo + random.nextLong(hi - lo + 1);
        }
        return n.min() + random.nextDouble() * (n.max() - n.min());
    }
}
