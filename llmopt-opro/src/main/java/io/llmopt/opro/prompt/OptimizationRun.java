package io.llmopt.opro.prompt;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.meta.CandidateExtractor;
import io.llmopt.opro.meta.MetaPromptBuilder;
import io.llmopt.opro.meta.ScoredInstruction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import io.llmopt.core.batch.BatchPhases;
import java.util.function.Function;

/**
 * One prompt optimization, step by step: the history the meta-prompt shows and every candidate.
 * The pieces it drives each hold one concern: {@link PriorAttempt} (what an earlier attempt
 * left), {@link CandidateIntake} (output to candidate), {@link RecordingScorer} (scores, stored in
 * one place), {@link TrainingOutcomes} (what later steps need of the training results),
 * {@link ValidationQueue} and {@link StepReporter}. A fresh instance per run keeps
 * {@link PromptOptimizer} reusable.
 *
 * <p>Determinism: candidates are screened and recorded in sample order, scores enter the history
 * in sample order after the whole step is scored, and optimizer seeds depend only on step and
 * sample; so an interrupted and resumed run ends where an uninterrupted one does.
 */
final class OptimizationRun {

    private final PromptOptimizationConfig config;
    private final OptimizerSampler sampler;
    private final RecordingScorer scorer;
    private final RunRecorder recorder;
    private final RunContext context;
    private final List<Example> train;
    private final List<Example> validation;
    private final List<Example> test;
    private final MetaPromptBuilder metaPrompts;
    private final ExemplarPicker exemplars;
    private final CandidateIntake intake;
    private final TrainingOutcomes outcomes;
    private final StepReporter reporter;
    private final ValidationQueue validations;
    /** Null for full evaluation. */
    private final StepRacer racer;
    private PriorAttempt prior;
    /** Null when nobody listens for the phases. */
    private final BatchPhases batchPhases;

    private final Map<Long, PromptCandidate> candidates = new TreeMap<>();
    private final List<ScoredInstruction> history = new ArrayList<>();
    private final List<StepSummary> steps = new ArrayList<>();

    OptimizationRun(PromptOptimizationConfig config, OptimizerSampler sampler, RecordingScorer scorer,
                    RunRecorder recorder, List<Example> train, List<Example> validation, List<Example> test, StepRacer racer,
                    BatchPhases batchPhases) {
        this.batchPhases = batchPhases;
        this.config = config;
        this.sampler = sampler;
        this.scorer = scorer;
        this.recorder = recorder;
        this.context = recorder.context();
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        this.test = List.copyOf(test);
        this.racer = racer;
        this.metaPrompts = new MetaPromptBuilder(config.metaPromptConfig());
        this.exemplars = new ExemplarPicker(config.exemplarChoice(), config.exemplarCount(), config.racingSeed());
        this.intake = new CandidateIntake(CandidateExtractor.forStyle(config.style(), config.position()),
                config.forbidDigits());
        this.outcomes = new TrainingOutcomes(train, racer != null || exemplars.needsShownResults());
        this.reporter = new StepReporter(recorder, config.steps(), outcomes);
        this.validations = new ValidationQueue(scorer, this.validation, config.evaluateEvery(), config.finalTopK(),
                reporter);
    }

    PromptOptimizationResult execute() {
        prior = PriorAttempt.load(recorder);
        reporter.resumed(prior);
        recorder.examples(Split.TRAIN, train);
        recorder.examples(Split.VALIDATION, validation);
        recorder.examples(Split.TEST, test);
        enter(PromptOptimizer.SEARCH_PHASE);
        initialStep();
        for (int step = 1; step <= config.steps(); step++) {
            if (context.stopRequested()) {
                return result(null, true);
            }
            searchStep(step);
            validations.collect(false, candidates);
        }
        if (context.stopRequested()) {
            return result(null, true);
        }
        validations.collect(true, candidates);
        enter(PromptOptimizer.TEST_PHASE);
        return result(finalEvaluation(), false);
    }

    private void enter(String phase) {
        if (batchPhases != null) {
            batchPhases.enter(phase);
        }
    }

    // ------------------------------------------------------------------ step 0

    private void initialStep() {
        Map<String, CandidateRecord> recorded = new HashMap<>();
        for (CandidateRecord c : prior.candidates(0)) {
            recorded.putIfAbsent(c.text(), c);
        }
        Instant started = prior.startedAt(0);
        if (prior.step(0) == null) {
            recorder.step(new StepRecord(recorder.runId(), 0, null, started, null));
        }
        List<PromptCandidate> initial = new ArrayList<>();
        for (String instruction : config.initialInstructions()) {
            CandidateRecord r = recorded.get(instruction);
            PromptCandidate c;
            if (r != null) {
                c = PromptCandidate.fromRecord(r);
            } else {
                c = new PromptCandidate(recorder.newCandidateId(), 0, instruction, null, CandidateStatus.KEPT,
                        "initial instruction", null, null, null, null);
                recorder.candidate(c.toRecord(recorder.runId()));
            }
            intake.see(instruction);
            initial.add(c);
        }
        boolean replayed = prior.finished(0);
        long planned = (long) initial.size() * train.size();
        List<PromptCandidate> scoredList = scoreStep(0, initial.stream().map(CompletableFuture::completedFuture).toList(),
                replayed, reporter.units("initial", 0, planned), null);
        for (PromptCandidate c : scoredList) {
            history.add(new ScoredInstruction(c.instruction(), c.penalizedScore(), -1));
        }
        finishStep(0, null, started, 0, List.of(), scoredList, replayed);
    }

    // ------------------------------------------------------------------ search steps

    private void searchStep(int step) {
        int referenceStep = step - 1;
        double temperature = config.optimizerTemperature().at(referenceStep, config.steps());
        List<Integer> picked = exemplars.pick(referenceStep, train.size(), exemplars.needsShownResults()
                ? outcomes.shownWrongCounts(history, config.metaPromptConfig()) : outcomes.wrongCounts());
        List<Example> shown = picked.stream().map(train::get).toList();
        StepRecord recordedStep = prior.step(step);
        String metaPrompt = recordedStep != null && recordedStep.metaPrompt() != null ? recordedStep.metaPrompt()
                : config.exemplarCount() > 0 ? metaPrompts.build(history, shown) : metaPrompts.build(history);
        Instant started = prior.startedAt(step);
        boolean replayed = prior.finished(step);
        if (recordedStep == null) {
            recorder.step(new StepRecord(recorder.runId(), step, metaPrompt, started, null));
        }

        List<CompletableFuture<PromptCandidate>> screened = new ArrayList<>();
        List<CandidateRecord> recorded = prior.candidates(step);
        int reused = Math.min(recorded.size(), config.candidatesPerStep());
        for (int i = 0; i < (replayed ? recorded.size() : reused); i++) {
            PromptCandidate c = PromptCandidate.fromRecord(recorded.get(i));
            if (c.status() != CandidateStatus.EMPTY) {
                intake.see(c.instruction());
            }
            screened.add(CompletableFuture.completedFuture(c));
        }
        StepReporter.Units units = reporter.units("scoring", step, (long) config.candidatesPerStep() * train.size());
        EagerTrainScoring eager = replayed || racer != null ? null
                : new EagerTrainScoring(scorer, train, units::done, intake.seen());
        Set<Long> fresh = ConcurrentHashMap.newKeySet();
        if (!replayed) {
            CompletableFuture<PromptCandidate> previous = CompletableFuture.completedFuture(null);
            for (CompletableFuture<String> output : sampler.sample(metaPrompt, step, temperature, reused)) {
                if (eager != null) {
                    output.thenAccept(raw -> {
                        String text = intake.passingFilters(raw);
                        if (text != null) {
                            eager.offer(text);
                        }
                    });
                }
                // Chained in sample order: which of two equal texts is the duplicate never depends on timing.
                previous = previous.thenCombine(output, (ignored, raw) -> {
                    PromptCandidate c = admit(step, raw);
                    fresh.add(c.id());
                    return c;
                });
                screened.add(previous);
            }
        }
        List<PromptCandidate> stepCandidates = racer != null && !replayed ? raceStep(step, screened)
                : scoreStep(step, screened, replayed, units,
                        eager == null ? null : c -> fresh.contains(c.id()) ? eager.scoreOf(c) : null);
        for (PromptCandidate c : stepCandidates) {
            if (c.kept() && c.scored()) {
                history.add(new ScoredInstruction(c.instruction(), c.penalizedScore(), referenceStep));
            }
        }
        if (validations.due(step)) {
            // Also on a replayed step: the step is recorded finished while its validation may still
            // have been running; stored per-example results make this ask only for what is missing.
            validations.start(step, stepCandidates, candidates);
        }
        List<PromptCandidate> latest = stepCandidates.stream().map(c -> candidates.getOrDefault(c.id(), c)).toList();
        finishStep(step, metaPrompt, started, temperature, shown.stream().map(Example::id).toList(), latest, replayed);
    }

    /** Screens one output in sample order and records the candidate, kept or not. */
    private synchronized PromptCandidate admit(int step, String raw) {
        PromptCandidate c = intake.screen(recorder.newCandidateId(), step, raw);
        recorder.candidate(c.toRecord(recorder.runId()));
        if (!c.kept()) {
            reporter.dropped(c);
        }
        return c;
    }

    private void finishStep(int step, String metaPrompt, Instant started, double temperature, List<String> exemplarIds,
                            List<PromptCandidate> stepCandidates, boolean replayed) {
        if (!replayed) {
            recorder.step(new StepRecord(recorder.runId(), step, metaPrompt, started, Instant.now()));
        }
        steps.add(new StepSummary(step, metaPrompt, temperature, exemplarIds, stepCandidates, replayed));
        reporter.stepFinished(step, stepCandidates, replayed);
        reporter.truncated(step, scorer.takeTruncated(), config.scorerMaxTokens(),
                config.gradingMode() == io.llmopt.opro.grading.GradingMode.STRICT);
    }

    /**
     * Scores each kept candidate on the training split as soon as it is screened, and waits for all.
     * Returns the step's candidates in sample order with their scores, and folds them into the run.
     *
     * @param early the scoring of a candidate already started before it was screened, or null
     *              (or a function returning null) to score it now
     */
    private List<PromptCandidate> scoreStep(int step, List<CompletableFuture<PromptCandidate>> screened,
                                            boolean replayed, StepReporter.Units units,
                                            Function<PromptCandidate, CompletableFuture<CandidateScore>> early) {
        boolean wantOutcomes = exemplars.needsWrongCounts() || exemplars.needsShownResults() || racer != null;
        List<CompletableFuture<Scored>> scored = new ArrayList<>();
        for (CompletableFuture<PromptCandidate> candidate : screened) {
            scored.add(candidate.thenCompose(c -> {
                if (!c.kept() || (c.scored() && !(wantOutcomes && scorer.perExample()))) {
                    return CompletableFuture.completedFuture(new Scored(c, null));
                }
                CompletableFuture<CandidateScore> started = early == null ? null : early.apply(c);
                return (started != null ? started : scorer.score(c.id(), c.instruction(), Split.TRAIN, train, units::done))
                        .thenApply(score -> new Scored(c.withTrain(score), score));
            }));
        }
        List<PromptCandidate> result = settle(step, scored.stream().map(OptimizationRun::join).toList());
        units.finish();
        return result;
    }

    /**
     * Racing evaluation of a step: waits for the step's candidates (the optimizer's samples arrive
     * together), then races the kept ones along the step's example order, dropping those that
     * cannot reach the meta-prompt. Survivors get full-split scores; dropped ones are recorded as
     * raced out with the number of examples seen and their partial results.
     */
    private List<PromptCandidate> raceStep(int step, List<CompletableFuture<PromptCandidate>> screened) {
        List<PromptCandidate> all = screened.stream().map(OptimizationRun::join).toList();
        List<PromptCandidate> contenders = all.stream()
                .filter(c -> c.kept() || c.status() == CandidateStatus.RACED_OUT).toList();
        StepReporter.Units units = reporter.units("scoring", step, (long) contenders.size() * train.size());
        Map<Long, StepRacer.Raced> raced = new HashMap<>();
        for (StepRacer.Raced r : join(racer.race(step, contenders,
                outcomes.incumbents(history, config.maxNumInstructions()), units::done, units::shrink))) {
            raced.put(r.candidate().id(), r);
        }
        List<Scored> result = new ArrayList<>();
        for (PromptCandidate original : all) {
            StepRacer.Raced r = raced.get(original.id());
            if (r == null) {
                result.add(new Scored(original, null));
            } else if (r.score() != null) {
                result.add(new Scored(r.candidate(), r.score()));
            } else {
                result.add(new Scored(racedOut(original, r), null));
            }
        }
        List<PromptCandidate> settled = settle(step, result);
        units.finish();
        return settled;
    }

    /** Folds a step's candidates, in sample order, into the run: the one place a training score is taken in. */
    private List<PromptCandidate> settle(int step, List<Scored> scored) {
        List<PromptCandidate> result = new ArrayList<>();
        for (Scored s : scored) {
            PromptCandidate c = s.candidate();
            candidates.put(c.id(), c);
            result.add(c);
            if (c.kept() && c.scored()) {
                outcomes.scored(step, c, s.score());
            }
        }
        return result;
    }

    private PromptCandidate racedOut(PromptCandidate c, StepRacer.Raced r) {
        int examples = r.outcome().droppedAfter().getAsInt();
        String reason = String.format(Locale.ROOT, "racing: dropped after %d of %d examples (%.3f correct)",
                examples, train.size(), r.outcome().partialAccuracy());
        PromptCandidate out = new PromptCandidate(c.id(), c.step(), c.instruction(), c.rawOutput(),
                CandidateStatus.RACED_OUT, reason, null, null, null, null);
        recorder.candidate(out.toRecord(recorder.runId()));
        reporter.racedOut(out, examples, r.outcome().scorerCalls(), r.outcome().partialAccuracy());
        return out;
    }

    // ------------------------------------------------------------------ final evaluation

    private FinalEvaluation finalEvaluation() {
        if (test.isEmpty()) {
            return null;
        }
        List<SplitEvaluator.Entry> entries = new ArrayList<>();
        PromptOptimizationResult.rank(List.copyOf(candidates.values())).stream()
                .filter(c -> c.step() > 0).limit(config.finalTopK())
                .forEach(c -> entries.add(new SplitEvaluator.Entry(c.id(), c.instruction(), false, c.trainScore())));
        candidates.values().stream().filter(c -> c.step() == 0)
                .forEach(c -> entries.add(new SplitEvaluator.Entry(c.id(), c.instruction(), true, c.trainScore())));
        StepReporter.Units units = reporter.units("test", config.steps(), (long) entries.size() * test.size());
        FinalEvaluation evaluation;
        try {
            evaluation = new SplitEvaluator(scorer, config.bootstrapSeed()).evaluate(entries, Split.TEST, test,
                    units::done);
        } catch (CompletionException e) {
            throw unwrap(e);
        }
        units.finish();
        for (InstructionEvaluation e : evaluation.instructions()) {
            candidates.put(e.candidateId(), candidates.get(e.candidateId()).withTest(e.accuracy()));
        }
        return evaluation;
    }

    private PromptOptimizationResult result(FinalEvaluation evaluation, boolean stopped) {
        // A stopped run waits for the validations it started, so what it recorded is whole.
        validations.collect(true, candidates);
        List<StepSummary> latest = steps.stream().map(s -> new StepSummary(s.step(), s.metaPrompt(), s.temperature(),
                s.exemplarIds(), s.candidates().stream().map(c -> candidates.getOrDefault(c.id(), c)).toList(),
                s.replayed())).toList();
        return new PromptOptimizationResult(recorder.runId(), latest, List.copyOf(candidates.values()), evaluation,
                stopped);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : e;
    }

    /** A candidate and, when it was scored now, its per-example outcomes. */
    private record Scored(PromptCandidate candidate, CandidateScore score) {
    }
}
