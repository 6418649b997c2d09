package io.llmopt.opro.prompt;

import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.RunContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a prompt optimization tells as it goes: its events (to the listener, and to the store
 * when they are news rather than a replay) and its progress, a phase at a time.
 */
final class StepReporter {

    private final RunRecorder recorder;
    private final RunListener listener;
    private final RunContext context;
    private final int totalSteps;
    private final TrainingOutcomes outcomes;

    StepReporter(RunRecorder recorder, int totalSteps, TrainingOutcomes outcomes) {
        this.recorder = recorder;
        this.context = recorder.context();
        this.listener = context.listener();
        this.totalSteps = totalSteps;
        this.outcomes = outcomes;
    }

    void resumed(PriorAttempt prior) {
        if (!prior.isEmpty()) {
            listener.onEvent(RunEvent.info(recorder.runId(), "run.resumed", "resuming: " + prior.stepCount()
                    + " step(s) and " + prior.candidateCount() + " candidate(s) recorded",
                    Map.of("steps", prior.stepCount(), "candidates", prior.candidateCount())));
        }
    }

    void dropped(PromptCandidate c) {
        listener.onEvent(new RunEvent(Instant.now(), recorder.runId(), RunEvent.Level.DEBUG, "candidate.dropped",
                "step " + c.step() + ": dropped (" + c.reason() + "): " + abbreviate(c.instruction()),
                Map.of("step", c.step(), "candidate", c.id(), "reason", String.valueOf(c.reason()))));
    }

    void racedOut(PromptCandidate c, int examples, int scorerCalls, double partialAccuracy) {
        RunEvent event = new RunEvent(Instant.now(), recorder.runId(), RunEvent.Level.DEBUG, "candidate.raced_out",
                "step " + c.step() + ": " + c.reason() + ": " + abbreviate(c.instruction()),
                Map.of("step", c.step(), "candidate", c.id(), "examples", examples, "scorer_calls", scorerCalls,
                        "partial_accuracy", partialAccuracy));
        listener.onEvent(event);
        recorder.event(event);
    }

    void stepFinished(int step, List<PromptCandidate> stepCandidates, boolean replayed) {
        OptionalDouble best = outcomes.best();
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
        report("step", step, step, totalSteps);
    }

    /**
     * Says, once per step, that more than 1% of the step's scorer replies were cut at max_tokens:
     * in strict grading each counts as incorrect, so the scores mostly measure the cap.
     */
    void truncated(int step, TruncatedReplies.Counts counts, int maxTokens, boolean graded) {
        if (!counts.worthWarning()) {
            return;
        }
        String message = String.format(Locale.ROOT, "step %d: %d of %d scorer replies (%.1f%%) were cut at max_tokens %d%s;"
                        + " raise opro.scorer_max_tokens", step, counts.truncated(), counts.calls(),
                100.0 * counts.truncated() / counts.calls(), maxTokens, graded ? " and graded incorrect (truncated)" : "");
        RunEvent event = new RunEvent(Instant.now(), recorder.runId(), RunEvent.Level.WARN, "scorer.truncated", message,
                Map.of("step", step, "truncated", counts.truncated(), "calls", counts.calls(), "max_tokens", maxTokens));
        listener.onEvent(event);
        recorder.event(event);
    }

    /** Counts the units (scorer calls) of a phase, planned {@code total}. */
    Units units(String phase, int step, long total) {
        return new Units(phase, step, total);
    }

    private void report(String phase, int step, long done, long total) {
        context.progress(phase, step, totalSteps, done, total, outcomes.best(),
                outcomes.bestStep());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** Counts units of a phase and reports progress about a hundred times per phase, never per call. */
    final class Units {
        private final String phase;
        private final int step;
        private final AtomicLong total;
        private final long stride;
        private final AtomicLong done = new AtomicLong();

        private Units(String phase, int step, long total) {
            this.phase = phase;
            this.step = step;
            this.total = new AtomicLong(total);
            this.stride = Math.max(1, total / 100);
        }

        void done() {
            long now = done.incrementAndGet();
            if (now % stride == 0) {
                report(phase, step, now, total.get());
            }
        }

        /** Racing dropped a candidate: the phase has {@code units} fewer to do than planned. */
        void shrink(int units) {
            report(phase, step, done.get(), total.addAndGet(-units));
        }

        /** The phase is over: what was done is all there was (fewer than planned after duplicates or drops). */
        void finish() {
            long all = done.get();
            total.set(all);
            report(phase, step, all, all);
        }
    }
}
