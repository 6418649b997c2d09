package io.llmopt.opro.numeric.blackbox;

import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a black-box objective accepts: named parameters in a fixed order, the user's description
 * of the problem, and whether to minimize or maximize.
 */
public record SearchSpace(String description, Direction direction, List<Parameter> parameters) {

    public static final String UNKNOWN_PARAMETER = "unknown parameter";
    public static final String MISSING_PARAMETER = "missing parameter";
    public static final String INVALID_VALUE = "invalid value";

    public SearchSpace {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(direction, "direction");
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("parameter names must be unique");
        }
    }

    public Map<String, Parameter> byName() {
        Map<String, Parameter> map = new LinkedHashMap<>();
        parameters.forEach(p -> map.put(p.name(), p));
        return map;
    }

    /** True when every parameter is numeric, so continuous baselines apply. */
    public boolean isNumeric() {
        return parameters.stream().allMatch(p -> p instanceof Parameter.Numeric);
    }

    /** The first problem with the candidate (unknown, missing or invalid parameter), or empty. */
    public Optional<Rejection> validate(Candidate candidate) {
        Map<String, Parameter> named = byName();
        for (String key : candidate.values().keySet()) {
            if (!named.containsKey(key)) {
                return Optional.of(Rejection.of(UNKNOWN_PARAMETER, key));
            }
        }
        for (Parameter p : parameters) {
            if (!candidate.values().containsKey(p.name())) {
                return Optional.of(Rejection.of(MISSING_PARAMETER, p.name()));
            }
            Optional<String> problem = p.check(candidate.values().get(p.name()));
            if (problem.isPresent()) {
                return Optional.of(Rejection.of(INVALID_VALUE, p.name() + ": " + problem.get()));
            }
        }
        return Optional.empty();
    }
}
