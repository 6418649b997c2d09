package io.llmopt.opro.prompt;

import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The validations of a run: every few steps the step's new instructions and the current best
 * ones are validated, each once, without waiting. Validation scores never enter the meta-prompt
 * (as in the reference), so they run while the next steps generate and score; their results are
 * folded in at later step boundaries and before the run ends.
 */
final class ValidationQueue {

    private final RecordingScorer scorer;
    private final List<Example> validation;
    private final int evaluateEvery;
    private final int topK;
    private final StepReporter reporter;
    /** Validations still running, by candidate, in the order they started. */
    private final Map<Long, CompletableFuture<CandidateScore>> pending = new LinkedHashMap<>();
    private final Set<Long> started = new HashSet<>();

    ValidationQueue(RecordingScorer scorer, List<Example> validation, int evaluateEvery, int topK,
                    StepReporter reporter) {
        this.scorer = scorer;
        this.validation = List.copyOf(validation);
        this.evaluateEvery = evaluateEvery;
        this.topK = topK;
        this.reporter = reporter;
    }

    /** Whether {@code step} is one after which instructions are validated. */
    boolean due(int step) {
        return evaluateEvery > 0 && !validation.isEmpty() && (step - 1) % evaluateEvery == 0;
    }

    /**
     * Starts validating this step's new instructions and the run's best ones, those not validated
     * yet. Stored per-example results make a replayed step's validation ask only for what is missing.
     *
     * @param candidates every candidate of the run so far, by id, as they are now
     */
    void start(int step, List<PromptCandidate> stepCandidates, Map<Long, PromptCandidate> candidates) {
        Map<Long, PromptCandidate> targets = new LinkedHashMap<>();
        stepCandidates.stream().filter(c -> c.kept() && c.scored()).forEach(c -> targets.put(c.id(), c));
        PromptOptimizationResult.rank(List.copyOf(candidates.values())).stream().limit(Math.max(1, topK))
                .forEach(c -> targets.putIfAbsent(c.id(), c));
        List<PromptCandidate> todo = targets.values().stream()
                .map(c -> candidates.get(c.id()))
                .filter(c -> c.validationScore() == null && started.add(c.id())).toList();
        if (todo.isEmpty()) {
            return;
        }
        StepReporter.Units units = reporter.units("validation", step, (long) todo.size() * validation.size());
        for (PromptCandidate c : todo) {
            pending.put(c.id(), scorer.score(c.id(), c.instruction(), Split.VALIDATION, validation, units::done));
        }
    }

    /** Folds finished validations into {@code candidates}; with {@code wait}, waits for all of them first. */
    void collect(boolean wait, Map<Long, PromptCandidate> candidates) {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var validated = it.next();
            if (wait || validated.getValue().isDone()) {
                double accuracy;
                try {
                    accuracy = validated.getValue().join().accuracy();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                candidates.put(validated.getKey(), candidates.get(validated.getKey()).withValidation(accuracy));
                it.remove();
            }
        }
    }
}
