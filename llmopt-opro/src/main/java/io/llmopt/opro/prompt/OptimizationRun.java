package io.llmopt.opro.prompt;

import io.llmopt.opro.meta.MetaPromptConfig;
import io.llmopt.opro.meta.InstructionScorePairs;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.meta.CandidateExtractor;
import io.llmopt.opro.meta.CandidateScreening;
import io.llmopt.opro.meta.InstructionPolisher;
import io.llmopt.opro.meta.MetaPromptBuilder;
import io.llmopt.opro.meta.ScoredInstruction;
import io.llmopt.opro.racing.Incumbent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The state of one prompt optimization: the history the meta-prompt shows, the texts already seen,
 * every candidate, and what an earlier attempt of the run left in the store. A fresh instance per
 * run keeps {@link PromptOptimizer} reusable.
 *
 * <p>Determinism: candidates are screened and recorded in sample order, scores enter the history
 * in sample order after the whole step is scored, and optimizer seeds depend only on step and
 * sample; so an interrupted and resumed run ends where an uninterrupted one does.
 */
final class OptimizationRun {

    private final PromptOptimizationConfig config;
    private final OptimizerSampler sampler;
    private final SplitScorer scorer;
    private final RunRecorder recorder;
    private final RunListener listener;
    private final ProgressSource progress;
    private final BooleanSupplier stopRequested;
    private final List<Example> train;
    private final List<Example> validation;
    private final List<Example> test;
    private final MetaPromptBuilder metaPrompts;
    private final CandidateExtractor extractor;
    private final ExemplarPicker exemplars;
    /** Null for full evaluation. */
    private final StepRacer racer;

    private final Map<Long, PromptCandidate> candidates = new TreeMap<>();
    private final List<ScoredInstruction> history = new ArrayList<>();
    private final Map<Integer, Integer> wrongCounts = new LinkedHashMap<>();
    private final List<StepSummary> steps = new ArrayList<>();
    private final Map<String, Integer> trainPositions = new HashMap<>();
    private Set<String> seen = new LinkedHashSet<>();
    private final Map<Integer, StepRecord> priorSteps = new HashMap<>();
    private final Map<Integer, List<CandidateRecord>> priorCandidates = new HashMap<>();
    /** Validations still running, by candidate, in the order they started. */
    private final Map<Long, CompletableFuture<CandidateScore>> pendingValidations = new LinkedHashMap<>();
    private final Set<Long> validationStarted = new HashSet<>();
    /**
     * With racing only: each scored instruction's per-example training results (bit i: position i
     * correct), what a later candidate is paired against. 261 bits per instruction, so a 200-step
     * run holds well under a megabyte.
     */
    private final Map<String, BitSet> trainResults = new HashMap<>();
    private OptionalDouble best = OptionalDouble.empty();
    private int bestStep;

    OptimizationRun(PromptOptimizationConfig config, OptimizerSampler sampler, SplitScorer scorer, RunRecorder recorder,
                    RunListener listener, ProgressSource progress, BooleanSupplier stopRequested, List<Example> train,
                    List<Example> validation, List<Example> test, StepRacer racer) {
        this.racer = racer;
        this.config = config;
        this.sampler = sampler;
        this.scorer = scorer;
        this.recorder = recorder;
        this.listener = listener;
        this.progress = progress;
        this.stopRequested = stopRequested;
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        this.test = List.copyOf(test);
        this.metaPrompts = new MetaPromptBuilder(config.metaPromptConfig());
        this.extractor = CandidateExtractor.forStyle(config.style(), config.position());
        this.exemplars = new ExemplarPicker(config.exemplarChoice(), config.exemplarCount(), config.racingSeed());
        for (int i = 0; i < this.train.size(); i++) {
            trainPositions.put(this.train.get(i).id(), i);
        }
    }

    PromptOptimizationResult execute() {
        loadPriorAttempt();
        recorder.examples(Split.TRAIN, train);
        recorder.examples(Split.VALIDATION, validation);
        recorder.examples(Split.TEST, test);
        initialStep();
        for (int step = 1; step <= config.steps(); step++) {
            if (stopRequested.getAsBoolean()) {
                return result(null, true);
            }
            searchStep(step);
            collectValidations(false);
        }
        if (stopRequested.getAsBoolean()) {
            return result(null, true);
        }
        collectValidations(true);
        return result(finalEvaluation(), false);
    }

    private void loadPriorAttempt() {
        for (StepRecord s : recorder.steps()) {
            priorSteps.put(s.index(), s);
        }
        List<CandidateRecord> all = new ArrayList<>(recorder.candidates());
        all.sort(Comparator.comparingLong(CandidateRecord::id));
        for (CandidateRecord c : all) {
            priorCandidates.computeIfAbsent(c.step(), k -> new ArrayList<>()).add(c);
        }
        if (!priorSteps.isEmpty()) {
            emit(RunEvent.info(recorder.runId(), "run.resumed", "resuming: " + priorSteps.size()
                    + " step(s) and " + all.size() + " candidate(s) recorded", Map.of("steps", priorSteps.size(),
                    "candidates", all.size())));
        }
    }

    // ------------------------------------------------------------------ step 0

    private void initialStep() {
        StepRecord prior = priorSteps.get(0);
        Map<String, CandidateRecord> recorded = new HashMap<>();
        for (CandidateRecord c : priorCandidates.getOrDefault(0, List.of())) {
            recorded.putIfAbsent(c.text(), c);
        }
        Instant started = prior != null && prior.startedAt() != null ? prior.startedAt() : Instant.now();
        if (prior == null) {
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
            seen.add(instruction);
            initial.add(c);
        }
        boolean replayed = prior != null && prior.finished();
        List<PromptCandidate> scoredList = scoreStep(0, initial.stream().map(CompletableFuture::completedFuture).toList(),
                replayed, "initial");
        for (PromptCandidate c : scoredList) {
            history.add(new ScoredInstruction(c.instruction(), c.penalizedScore(), -1));
        }
        if (!replayed) {
            recorder.step(new StepRecord(recorder.runId(), 0, null, started, Instant.now()));
        }
        steps.add(new StepSummary(0, null, 0, List.of(), scoredList, replayed));
        emitStepFinished(0, scoredList, replayed);
    }

    // ------------------------------------------------------------------ search steps

    private void searchStep(int step) {
        int referenceStep = step - 1;
        double temperature = config.optimizerTemperature().at(referenceStep, config.steps());
        List<Integer> picked = exemplars.pick(referenceStep, train.size(),
                exemplars.needsShownResults() ? shownWrongCounts() : wrongCounts);
        List<Example> shown = picked.stream().map(train::get).toList();
        StepRecord prior = priorSteps.get(step);
        String metaPrompt = prior != null && prior.metaPrompt() != null ? prior.metaPrompt()
                : config.exemplarCount() > 0 ? metaPrompts.build(history, shown) : metaPrompts.build(history);
        Instant started = prior != null && prior.startedAt() != null ? prior.startedAt() : Instant.now();
        boolean replayed = prior != null && prior.finished();
        if (prior == null) {
            recorder.step(new StepRecord(recorder.runId(), step, metaPrompt, started, null));
        }

        List<CompletableFuture<PromptCandidate>> screened = new ArrayList<>();
        List<CandidateRecord> recorded = priorCandidates.getOrDefault(step, List.of());
        int reused = Math.min(recorded.size(), config.candidatesPerStep());
        for (int i = 0; i < (replayed ? recorded.size() : reused); i++) {
            PromptCandidate c = PromptCandidate.fromRecord(recorded.get(i));
            if (c.status() != CandidateStatus.EMPTY) {
                seen.add(c.instruction());
            }
            screened.add(CompletableFuture.completedFuture(c));
        }
        UnitCounter units = new UnitCounter("scoring", step, (long) config.candidatesPerStep() * train.size());
        EagerTrainScoring eager = replayed || racer != null ? null
                : new EagerTrainScoring(scorer, train, units::done, seen);
        Set<Long> fresh = ConcurrentHashMap.newKeySet();
        if (!replayed) {
            CompletableFuture<PromptCandidate> previous = CompletableFuture.completedFuture(null);
            for (CompletableFuture<String> output : sampler.sample(metaPrompt, step, temperature, reused)) {
                if (eager != null) {
                    output.thenAccept(raw -> offer(eager, raw));
                }
                // Chained in sample order: which of two equal texts is the duplicate never depends on timing.
                previous = previous.thenCombine(output, (ignored, raw) -> {
                    PromptCandidate c = screen(step, raw);
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
        if (shouldValidate(step)) {
            // Also on a replayed step: the step is recorded finished while its validation may still
            // have been running; stored per-example results make this ask only for what is missing.
            validate(step, stepCandidates);
        }
        if (!replayed) {
            recorder.step(new StepRecord(recorder.runId(), step, metaPrompt, started, Instant.now()));
        }
        List<PromptCandidate> latest = stepCandidates.stream().map(c -> candidates.getOrDefault(c.id(), c)).toList();
        steps.add(new StepSummary(step, metaPrompt, temperature, shown.stream().map(Example::id).toList(), latest,
                replayed));
        emitStepFinished(step, latest, replayed);
    }

    /** Offers an output's instruction for scoring before screening reaches it in sample order. */
    private void offer(EagerTrainScoring eager, String raw) {
        List<String> extracted = extractor.extract(raw);
        if (!extracted.isEmpty()) {
            String text = InstructionPolisher.polish(extracted.get(0));
            boolean passes = !CandidateScreening.screen(List.of(text), Set.of(), config.forbidDigits()).accepted().isEmpty();
            eager.offer(text, passes);
        }
    }

    /** Extraction, polishing and screening of one raw output; the candidate is recorded, kept or not. */
    private synchronized PromptCandidate screen(int step, String raw) {
        List<String> extracted = extractor.extract(raw);
        long id = recorder.newCandidateId();
        PromptCandidate c;
        if (extracted.isEmpty()) {
            c = new PromptCandidate(id, step, "", raw, CandidateStatus.EMPTY, "no instruction found in the output",
                    null, null, null, null);
        } else {
            String text = InstructionPolisher.polish(extracted.get(0));
            CandidateScreening screening = CandidateScreening.screen(List.of(text), seen, config.forbidDigits());
            seen = new LinkedHashSet<>(screening.nowSeen());
            if (!screening.accepted().isEmpty()) {
                c = new PromptCandidate(id, step, text, raw, CandidateStatus.KEPT, null, null, null, null, null);
            } else {
                CandidateScreening.Rejected rejected = screening.rejected().get(0);
                CandidateStatus status = rejected.reason() == io.llmopt.opro.meta.DropReason.ALREADY_EVALUATED
                        ? CandidateStatus.DUPLICATE : CandidateStatus.FILTERED;
                c = new PromptCandidate(id, step, text, raw, status, rejected.reason().name().toLowerCase(Locale.ROOT),
                        null, null, null, null);
            }
        }
        recorder.candidate(c.toRecord(recorder.runId()));
        if (!c.kept()) {
            emit(new RunEvent(Instant.now(), recorder.runId(), RunEvent.Level.DEBUG, "candidate.dropped",
                    "step " + step + ": dropped (" + c.reason() + "): " + abbreviate(c.instruction()),
                    Map.of("step", step, "candidate", id, "reason", String.valueOf(c.reason()))));
        }
        return c;
    }

    /**
     * Scores each kept candidate on the training split as soon as it is screened, and waits for all.
     * Returns the step's candidates in sample order with their scores, and folds them into the run.
     */
    private List<PromptCandidate> scoreStep(int step, List<CompletableFuture<PromptCandidate>> screened,
                                            boolean replayed, String phase) {
        long planned = (long) Math.max(screened.size(), step == 0 ? screened.size() : config.candidatesPerStep())
                * train.size();
        return scoreStep(step, screened, replayed, new UnitCounter(phase, step, planned), null);
    }

    /**
     * @param early the scoring of a candidate already started before it was screened, or null
     *              (or a function returning null) to score it now
     */
    private List<PromptCandidate> scoreStep(int step, List<CompletableFuture<PromptCandidate>> screened,
                                            boolean replayed, UnitCounter units,
                                            Function<PromptCandidate, CompletableFuture<CandidateScore>> early) {
        boolean wantOutcomes = exemplars.needsWrongCounts() || exemplars.needsShownResults() || racer != null;
        List<CompletableFuture<Scored>> scored = new ArrayList<>();
        for (CompletableFuture<PromptCandidate> candidate : screened) {
            scored.add(candidate.thenCompose(c -> {
                if (!c.kept()) {
                    return CompletableFuture.completedFuture(new Scored(c, null));
                }
                if (c.scored() && !(wantOutcomes && scorer.perExample())) {
                    return CompletableFuture.completedFuture(new Scored(c, null));
                }
                CompletableFuture<CandidateScore> started = early == null ? null : early.apply(c);
                return (started != null ? started : scorer.score(c.id(), c.instruction(), Split.TRAIN, train, units::done))
                        .thenApply(score -> new Scored(c.withTrain(score), score));
            }));
        }
        List<PromptCandidate> result = new ArrayList<>();
        for (CompletableFuture<Scored> f : scored) {
            Scored s = join(f);
            PromptCandidate c = s.candidate();
            candidates.put(c.id(), c);
            result.add(c);
            if (c.kept() && c.scored()) {
                if (best.isEmpty() || c.penalizedScore() > best.getAsDouble()) {
                    best = OptionalDouble.of(c.penalizedScore());
                    bestStep = step;
                }
                if (s.score() != null) {
                    countWrong(s.score());
                    keepResults(c.instruction(), s.score().outcomes());
                }
            }
        }
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
        UnitCounter units = new UnitCounter("scoring", step, (long) contenders.size() * train.size());
        Map<Long, StepRacer.Raced> raced = new HashMap<>();
        for (StepRacer.Raced r : join(racer.race(step, contenders, incumbents(), units::done, units::shrink))) {
            raced.put(r.candidate().id(), r);
        }
        List<PromptCandidate> result = new ArrayList<>();
        for (PromptCandidate original : all) {
            StepRacer.Raced r = raced.get(original.id());
            PromptCandidate c = original;
            if (r != null && r.score() != null) {
                c = r.candidate();
                if (best.isEmpty() || c.penalizedScore() > best.getAsDouble()) {
                    best = OptionalDouble.of(c.penalizedScore());
                    bestStep = step;
                }
                countWrong(r.score());
                keepResults(c.instruction(), r.score().outcomes());
            } else if (r != null) {
                c = racedOut(step, original, r);
            }
            candidates.put(c.id(), c);
            result.add(c);
        }
        units.finish();
        return result;
    }

    private PromptCandidate racedOut(int step, PromptCandidate c, StepRacer.Raced r) {
        int examples = r.outcome().droppedAfter().getAsInt();
        String reason = String.format(Locale.ROOT, "racing: dropped after %d of %d examples (%.3f correct)",
                examples, train.size(), r.outcome().partialAccuracy());
        PromptCandidate out = new PromptCandidate(c.id(), c.step(), c.instruction(), c.rawOutput(),
                CandidateStatus.RACED_OUT, reason, null, null, null, null);
        recorder.candidate(out.toRecord(recorder.runId()));
        RunEvent event = new RunEvent(Instant.now(), recorder.runId(), RunEvent.Level.DEBUG, "candidate.raced_out",
                "step " + step + ": " + reason + ": " + abbreviate(c.instruction()),
                Map.of("step", step, "candidate", c.id(), "examples", examples,
                        "scorer_calls", r.outcome().scorerCalls(),
                        "partial_accuracy", r.outcome().partialAccuracy()));
        emit(event);
        recorder.event(event);
        return out;
    }

    /** The history's best k instructions with their per-example results: what racing pairs against. */
    private List<Incumbent> incumbents() {
        return history.stream().filter(h -> trainResults.containsKey(h.instruction()))
                .sorted(Comparator.comparingDouble(ScoredInstruction::score).reversed())
                .limit(config.maxNumInstructions())
                .map(h -> {
                    BitSet bits = trainResults.get(h.instruction());
                    boolean[] correct = new boolean[train.size()];
                    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                        correct[i] = true;
                    }
                    return new Incumbent(h.instruction(), correct);
                }).toList();
    }

    private void keepResults(String instruction, List<ExampleOutcome> outcomes) {
        if ((racer == null && !exemplars.needsShownResults()) || outcomes.size() != train.size()) {
            return;
        }
        BitSet bits = new BitSet(train.size());
        for (int i = 0; i < outcomes.size(); i++) {
            bits.set(i, outcomes.get(i).correct());
        }
        trainResults.put(instruction, bits);
    }

    /**
     * How many of the instructions the meta-prompt shows now got each training position wrong, in
     * first-seen order over the shown instructions (worst first, as the meta-prompt lists them).
     */
    private Map<Integer, Integer> shownWrongCounts() {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        MetaPromptConfig mp = config.metaPromptConfig();
        for (ScoredInstruction shown : InstructionScorePairs.shown(history, mp.scoreThreshold(), mp.maxNumInstructions())) {
            BitSet correct = trainResults.get(shown.instruction());
            if (correct == null) {
                continue;
            }
            for (int i = 0; i < train.size(); i++) {
                if (!correct.get(i)) {
                    counts.merge(i, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void countWrong(CandidateScore score) {
        for (ExampleOutcome outcome : score.outcomes()) {
            if (!outcome.correct()) {
                Integer position = trainPositions.get(outcome.exampleId());
                if (position != null) {
                    wrongCounts.merge(position, 1, Integer::sum);
                }
            }
        }
    }

    // ------------------------------------------------------------------ validation

    private boolean shouldValidate(int step) {
        return config.evaluateEvery() > 0 && !validation.isEmpty() && (step - 1) % config.evaluateEvery() == 0;
    }

    /**
     * Starts validating this step's new instructions and the current best ones, each once, and
     * returns without waiting: validation scores never enter the meta-prompt (as in the
     * reference), so they run while the next steps generate and score. Their results are folded
     * in at later step boundaries and before the run ends.
     */
    private void validate(int step, List<PromptCandidate> stepCandidates) {
        Map<Long, PromptCandidate> targets = new LinkedHashMap<>();
        stepCandidates.stream().filter(c -> c.kept() && c.scored()).forEach(c -> targets.put(c.id(), c));
        PromptOptimizationResult.rank(List.copyOf(candidates.values())).stream().limit(Math.max(1, config.finalTopK()))
                .forEach(c -> targets.putIfAbsent(c.id(), c));
        List<PromptCandidate> todo = targets.values().stream()
                .map(c -> candidates.get(c.id()))
                .filter(c -> c.validationScore() == null && validationStarted.add(c.id())).toList();
        if (todo.isEmpty()) {
            return;
        }
        UnitCounter units = new UnitCounter("validation", step, (long) todo.size() * validation.size());
        for (PromptCandidate c : todo) {
            pendingValidations.put(c.id(),
                    scorer.score(c.id(), c.instruction(), Split.VALIDATION, validation, units::done));
        }
    }

    /** Folds finished validations into the candidates; with {@code wait}, waits for all of them first. */
    private void collectValidations(boolean wait) {
        var it = pendingValidations.entrySet().iterator();
        while (it.hasNext()) {
            var pending = it.next();
            if (wait || pending.getValue().isDone()) {
                double accuracy = join(pending.getValue()).accuracy();
                candidates.put(pending.getKey(), candidates.get(pending.getKey()).withValidation(accuracy));
                it.remove();
            }
        }
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
        UnitCounter units = new UnitCounter("test", config.steps(), (long) entries.size() * test.size());
        SplitEvaluator evaluator = new SplitEvaluator(scorer, config.bootstrapSeed());
        FinalEvaluation evaluation;
        try {
            evaluation = evaluator.evaluate(entries, Split.TEST, test, units::done);
        } catch (java.util.concurrent.CompletionException e) {
            throw unwrap(e);
        }
        units.finish();
        for (InstructionEvaluation e : evaluation.instructions()) {
            candidates.put(e.candidateId(), candidates.get(e.candidateId()).withTest(e.accuracy()));
        }
        return evaluation;
    }

    // ------------------------------------------------------------------ reporting

    private PromptOptimizationResult result(FinalEvaluation evaluation, boolean stopped) {
        // A stopped run waits for the validations it started, so what it recorded is whole.
        collectValidations(true);
        List<StepSummary> latest = steps.stream().map(s -> new StepSummary(s.step(), s.metaPrompt(), s.temperature(),
                s.exemplarIds(), s.candidates().stream().map(c -> candidates.getOrDefault(c.id(), c)).toList(),
                s.replayed())).toList();
        return new PromptOptimizationResult(recorder.runId(), latest, List.copyOf(candidates.values()), evaluation,
                stopped);
    }

    private void emitStepFinished(int step, List<PromptCandidate> stepCandidates, boolean replayed) {
        long kept = stepCandidates.stream().filter(PromptCandidate::kept).count();
        OptionalDouble stepBest = stepCandidates.stream().filter(c -> c.kept() && c.scored())
                .mapToDouble(PromptCandidate::penalizedScore).max();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", step);
        data.put("kept", kept);
        data.put("dropped", stepCandidates.size() - kept);
        data.put("replayed", replayed);
        stepBest.ifPresent(v -> data.put("step_best", v));
        best.ifPresent(v -> data.put("best", v));
        String message = (replayed ? "replayed " : "") + "step " + step + ": " + kept + " kept, "
                + (stepCandidates.size() - kept) + " dropped"
                + (stepBest.isPresent() ? String.format(Locale.ROOT, ", step best %.3f", stepBest.getAsDouble()) : "")
                + (best.isPresent() ? String.format(Locale.ROOT, ", best %.3f", best.getAsDouble()) : "");
        RunEvent event = RunEvent.info(recorder.runId(), "step.finished", message, data);
        listener.onEvent(event);
        if (!replayed) {
            recorder.event(event);
        }
        listener.onProgress(progress.progress("step", step, config.steps(), step, config.steps(), best, bestStep));
    }

    private void emit(RunEvent event) {
        listener.onEvent(event);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(java.util.concurrent.CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : e;
    }

    /** A candidate and, when it was scored now, its per-example outcomes. */
    private record Scored(PromptCandidate candidate, CandidateScore score) {
    }

    /** Counts units of a phase and reports progress about a hundred times per phase, never per call. */
    private final class UnitCounter {
        private final String phase;
        private final int step;
        private final AtomicLong total;
        private final long stride;
        private final AtomicLong done = new AtomicLong();

        UnitCounter(String phase, int step, long total) {
            this.phase = phase;
            this.step = step;
            this.total = new AtomicLong(total);
            this.stride = Math.max(1, total / 100);
        }

        void done() {
            long now = done.incrementAndGet();
            if (now % stride == 0) {
                listener.onProgress(progress.progress(phase, step, config.steps(), now, total.get(), best, bestStep));
            }
        }

        /** Racing dropped a candidate: the phase has {@code units} fewer to do than planned. */
        void shrink(int units) {
            long left = total.addAndGet(-units);
            listener.onProgress(progress.progress(phase, step, config.steps(), done.get(), left, best, bestStep));
        }

        /** The phase is over: what was done is all there was (fewer than planned after duplicates or drops). */
        void finish() {
            long all = done.get();
            total.set(all);
            listener.onProgress(progress.progress(phase, step, config.steps(), all, all, best, bestStep));
        }
    }
}
