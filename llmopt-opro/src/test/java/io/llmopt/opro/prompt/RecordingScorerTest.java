package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one recording decorator: the pure scorers store nothing; it stores every result and score, and reuses them. */
class RecordingScorerTest {

    @TempDir
    Path dir;

    private static final List<Example> EXAMPLES = IntStream.range(0, 6)
            .mapToObj(i -> Example.of("toy", "t", i, "question " + i, "x")).toList();

    /** Right on even positions; counts its calls. */
    private static final class CountingScorer implements ExampleScorer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<ExampleOutcome> score(String instruction, Example example) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new ExampleOutcome(example.id(), "h" + example.sourceIndex(),
                    "out", null, example.sourceIndex() % 2 == 0 ? 1.0 : 0.0, 3));
        }
    }

    private RunStore store;
    private String runId;
    private RunRecorder recorder;

    @BeforeEach
    void openStore() {
        store = RunStore.open(dir.resolve("runs.db"));
        runId = store.createRun("opro-prompt", "r", null).id();
        recorder = RunRecorder.of(store, runId);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A new kept candidate, recorded. */
    private long candidate() {
        long id = recorder.newCandidateId();
        recorder.candidate(CandidateRecord.proposed(runId, id, 0, "Think.", null, CandidateStatus.KEPT, null));
        return id;
    }

    private RecordingScorer recording(ExampleScorer each) {
        return new RecordingScorer(new PerExampleSplitScorer(each, CostPenalty.NONE), recorder);
    }

    @Test
    void storesEachResultAndTheScoreAndAResumedScoringPaysForNothingStored() {
        CountingScorer each = new CountingScorer();
        long id = candidate();
        RecordingScorer scorer = recording(each);

        // an earlier attempt scored the first four examples, then died
        CandidateScore partial = scorer.score(id, "Think.", Split.TRAIN, EXAMPLES.subList(0, 4), () -> { }).join();
        store.flush();
        assertThat(each.calls).hasValue(4);
        assertThat(store.exampleResults(runId, id, Split.TRAIN)).hasSize(4);
        assertThat(partial.accuracy()).isEqualTo(0.5);

        AtomicInteger progress = new AtomicInteger();
        CandidateScore whole = scorer.score(id, "Think.", Split.TRAIN, EXAMPLES, progress::incrementAndGet).join();
        store.flush();
        assertThat(each.calls).as("only the two missing examples are asked").hasValue(6);
        assertThat(progress).as("reused results count toward progress").hasValue(6);
        assertThat(whole.outcomes()).extracting(ExampleOutcome::exampleId)
                .containsExactlyElementsOf(EXAMPLES.stream().map(Example::id).toList());
        assertThat(whole.accuracy()).isEqualTo(0.5);
        assertThat(store.exampleResults(runId, id, Split.TRAIN)).hasSize(6);
        CandidateRecord stored = store.candidates(runId).get(0);
        assertThat(stored.trainScore()).isEqualTo(0.5);
        assertThat(stored.penalizedScore()).isEqualTo(0.5);
    }

    @Test
    void thePureScorerComputesTheSameScoreAndStoresNothing() {
        CountingScorer each = new CountingScorer();
        long id = candidate();
        CandidateScore pure = new PerExampleSplitScorer(each, CostPenalty.NONE)
                .score("Think.", EXAMPLES, () -> { }).join();
        store.flush();
        assertThat(pure.accuracy()).isEqualTo(0.5);
        assertThat(store.exampleResults(runId, id, Split.TRAIN)).isEmpty();
        assertThat(store.candidates(runId).get(0).trainScore()).isNull();
    }

    @Test
    void exampleByExampleScoringReusesStoredResultsAndStoresTheSettledScore() {
        CountingScorer each = new CountingScorer();
        long id = candidate();
        RecordingScorer scorer = recording(each);
        ExampleScorer first = scorer.examples(id, Split.TRAIN);
        first.score("Think.", EXAMPLES.get(0)).join();
        first.score("Think.", EXAMPLES.get(1)).join();
        store.flush();

        // as a resumed race: a new per-example view sees what the first one stored
        ExampleScorer resumed = scorer.examples(id, Split.TRAIN);
        List<ExampleOutcome> all = new ArrayList<>();
        for (Example e : EXAMPLES) {
            all.add(resumed.score("Think.", e).join());
        }
        assertThat(each.calls).hasValue(6);
        CandidateScore score = scorer.settle(id, "Think.", Split.TRAIN, all);
        store.flush();
        assertThat(score.accuracy()).isEqualTo(0.5);
        assertThat(store.exampleResults(runId, id, Split.TRAIN)).hasSize(6);
        assertThat(store.candidates(runId).get(0).trainScore()).isEqualTo(0.5);
    }

    @Test
    void aScoreBeforeTheIdIsStoredUnderTheIdOnceItIsKnown() {
        CountingScorer each = new CountingScorer();
        RecordingScorer scorer = recording(each);
        CompletableFuture<Long> id = new CompletableFuture<>();
        CompletableFuture<CandidateScore> score = scorer.scoreBeforeId(id, "Think.", Split.TRAIN, EXAMPLES, () -> { });
        assertThat(each.calls).as("scoring started before the id").hasValue(6);
        assertThat(score).isNotDone();
        long known = candidate();
        id.complete(known);
        assertThat(score.join().accuracy()).isEqualTo(0.5);
        store.flush();
        assertThat(store.exampleResults(runId, known, Split.TRAIN)).hasSize(6);
        assertThat(store.candidates(runId).get(0).trainScore()).isEqualTo(0.5);
    }

    @Test
    void aWholeInstructionScoreIsStoredPerSplitWithoutExampleResults() {
        long id = candidate();
        RecordingScorer scorer = new RecordingScorer(new WholeInstructionSplitScorer(
                (instruction, examples) -> CompletableFuture.completedFuture(0.75), CostPenalty.NONE), recorder);
        assertThat(scorer.perExample()).isFalse();
        scorer.score(id, "Think.", Split.TRAIN, EXAMPLES, () -> { }).join();
        scorer.score(id, "Think.", Split.VALIDATION, EXAMPLES, () -> { }).join();
        store.flush();
        CandidateRecord stored = store.candidates(runId).get(0);
        assertThat(stored.trainScore()).isEqualTo(0.75);
        assertThat(stored.penalizedScore()).isEqualTo(0.75);
        assertThat(stored.validationScore()).isEqualTo(0.75);
        assertThat(store.exampleResults(runId, id, Split.TRAIN)).isEmpty();
    }
}
