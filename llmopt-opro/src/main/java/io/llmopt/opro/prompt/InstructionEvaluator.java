package io.llmopt.opro.prompt;

import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores given instructions on a split, all calls at once, with 95% intervals and paired tests
 * against the first instruction (the baseline): the library side of {@code llmopt opro evaluate}
 * and of a CI gate. Results are recorded like a search's (candidates at step 0, per-example
 * results), so evaluating again with the same run resumes.
 */
public final class InstructionEvaluator {

    private final ExampleScorer scorer;
    private final RunRecorder recorder;
    private final long bootstrapSeed;
    private final RunListener listener;
    private final RunContext context;

    /** Records into {@code recorder}'s run and tells its context's listener. */
    public InstructionEvaluator(ExampleScorer scorer, RunRecorder recorder, long bootstrapSeed) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.bootstrapSeed = bootstrapSeed;
        this.context = recorder.context();
        this.listener = context.listener();
    }

    /**
     * @param instructions distinct instructions; the first is the baseline the others are compared with
     * @param split        the split the examples come from (it labels the stored results)
     */
    public FinalEvaluation evaluate(List<String> instructions, Split split, List<Example> examples) {
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("give at least one instruction to evaluate");
        }
        if (instructions.stream().distinct().count() != instructions.size()) {
            throw new IllegalArgumentException("the instructions to evaluate must be distinct");
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("the " + split.wireName() + " split has no examples");
        }
        recorder.examples(split, examples);
        Map<String, CandidateRecord> recorded = new HashMap<>();
        recorder.candidates().forEach(c -> recorded.putIfAbsent(c.text(), c));
        List<SplitEvaluator.Entry> entries = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            String instruction = instructions.get(i);
            CandidateRecord r = recorded.get(instruction);
            long id;
            if (r != null) {
                id = r.id();
            } else {
                id = recorder.newCandidateId();
                recorder.candidate(CandidateRecord.proposed(recorder.runId(), id, 0, instruction, null,
                        CandidateStatus.KEPT, "evaluated"));
            }
            // the first is the baseline even alone, so it keeps its label (B) when instructions are added later
            entries.add(new SplitEvaluator.Entry(id, instruction, i == 0, null));
        }
        long total = (long) entries.size() * examples.size();
        AtomicLong done = new AtomicLong();
        long stride = Math.max(1, total / 100);
        Runnable onDone = () -> {
            long now = done.incrementAndGet();
            if (now % stride == 0) {
                context.progress("evaluation", 0, 0, now, total, OptionalDouble.empty(), 0);
            }
        };
        SplitEvaluator evaluator = new SplitEvaluator(new RecordingScorer(new PerExampleSplitScorer(scorer, CostPenalty.NONE), recorder),
                bootstrapSeed);
        try {
            FinalEvaluation evaluation = evaluator.evaluate(entries, split, examples, onDone);
            recorder.flush();
            return evaluation;
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
