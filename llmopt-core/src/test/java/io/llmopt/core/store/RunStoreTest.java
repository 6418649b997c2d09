package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.llm.LlmException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunStore store;
    private String runId;

    @BeforeEach
    void open() {
        store = RunStore.open(dir.resolve("runs.db"));
        runId = store.createRun("opro-prompt", "gsm8k baseline", JSON.createObjectNode().put("steps", 3)).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void runRoundTripAndLifeCycle() {
        RunRecord created = store.run(runId).orElseThrow();
        assertThat(created.id()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
        assertThat(created.kind()).isEqualTo("opro-prompt");
        assertThat(created.name()).isEqualTo("gsm8k baseline");
        assertThat(created.configJson()).isEqualTo("{\"steps\":3}");
        assertThat(created.status()).isEqualTo(RunStatus.CREATED);
        assertThat(created.startedAt()).isNull();

        store.updateStatus(runId, RunStatus.RUNNING);
        assertThat(store.run(runId).orElseThrow().startedAt()).isNotNull();
        store.updateStatus(runId, RunStatus.COMPLETED);
        ObjectNode summary = JSON.createObjectNode().put("best_score", 0.82);
        store.updateSummary(runId, summary);

        RunRecord done = store.run(runId).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.summaryJson()).isEqualTo("{\"best_score\":0.82}");
    }

    @Test
    void listsRunsNewestFirstAndDeletesWithEverythingRecorded() throws Exception {
        Thread.sleep(5);
        String second = store.createRun("bpo-pairs", null, null).id();
        assertThat(store.runs()).extracting(RunRecord::id).containsExactly(second, runId);

        long c = store.nextCandidateId(runId);
        store.recordCandidate(CandidateRecord.proposed(runId, c, 0, "Let's think step by step.", null, CandidateStatus.KEPT, null));
        store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "ex1", "h", "42", "42", true));
        store.flush();

        assertThat(store.deleteRun(runId)).isTrue();
        assertThat(store.deleteRun(runId)).isFalse();
        assertThat(store.run(runId)).isEmpty();
        assertThat(store.candidates(runId)).isEmpty();
        assertThat(store.completedExampleIds(runId, c, Split.TRAIN)).isEmpty();
        assertThat(store.runs()).extracting(RunRecord::id).containsExactly(second);
    }

    @Test
    void stepsRoundTripAndFinishedStepsDriveResume() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.recordStep(new StepRecord(runId, 0, "meta-prompt 0", t0, null));
        store.recordStep(new StepRecord(runId, 1, "meta-prompt 1", t0, null));
        // a later record of the same step fills in the finish time and keeps the meta-prompt
        store.recordStep(new StepRecord(runId, 0, null, null, t0.plusSeconds(3)));
        store.flush();

        List<StepRecord> steps = store.steps(runId);
        assertThat(steps).containsExactly(
                new StepRecord(runId, 0, "meta-prompt 0", t0, t0.plusSeconds(3)),
                new StepRecord(runId, 1, "meta-prompt 1", t0, null));
        assertThat(store.finishedSteps(runId)).containsExactly(0);
    }

    @Test
    void candidatesRoundTripWithScoresPerSplit() {
        long a = store.nextCandidateId(runId);
        long b = store.nextCandidateId(runId);
        assertThat(b).isEqualTo(a + 1);
        store.recordCandidate(CandidateRecord.proposed(runId, a, 1, "Take a deep breath.", "<INS>Take a deep breath.</INS>",
                CandidateStatus.KEPT, null));
        store.recordCandidate(CandidateRecord.proposed(runId, b, 1, "Take a deep breath.", "raw", CandidateStatus.DUPLICATE,
                "same as candidate " + a));
        store.recordScore(runId, a, Split.TRAIN, 0.75, 0.7);
        store.recordScore(runId, a, Split.TEST, 0.8, null);
        store.flush();

        CandidateRecord kept = store.candidate(runId, a).orElseThrow();
        assertThat(kept.rawOutput()).isEqualTo("<INS>Take a deep breath.</INS>");
        assertThat(kept.score(Split.TRAIN)).isEqualTo(0.75);
        assertThat(kept.score(Split.VALIDATION)).isNull();
        assertThat(kept.score(Split.TEST)).isEqualTo(0.8);
        assertThat(kept.penalizedScore()).isEqualTo(0.7);
        CandidateRecord dup = store.candidate(runId, b).orElseThrow();
        assertThat(dup.status()).isEqualTo(CandidateStatus.DUPLICATE);
        assertThat(dup.reason()).isEqualTo("same as candidate " + a);
        assertThat(store.candidates(runId)).extracting(CandidateRecord::id).containsExactly(a, b);
    }

    @Test
    void candidateIdsContinueAfterReopen() {
        long a = store.nextCandidateId(runId);
        store.recordCandidate(CandidateRecord.proposed(runId, a, 0, "x", null, CandidateStatus.KEPT, null));
        store.close();
        store = RunStore.open(dir.resolve("runs.db"));
        assertThat(store.nextCandidateId(runId)).isEqualTo(a + 1);
    }

    @Test
    void exampleResultsAreUniquePerCandidateSplitAndExample() {
        long c = store.nextCandidateId(runId);
        store.recordCandidate(CandidateRecord.proposed(runId, c, 0, "ins", null, CandidateStatus.KEPT, null));
        store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "q1", "p1", "The answer is 4", "4", true));
        store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "q2", "p2", "I don't know", null, false));
        store.recordExampleResult(new ExampleResult(runId, c, Split.TEST, "q1", "p1", "5", "5", false));
        // recorded again (a re-score): replaces, never duplicates
        store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "q2", "p2", "4", "4", true));
        store.flush();

        assertThat(store.exampleResults(runId, c, Split.TRAIN)).containsExactly(
                new ExampleResult(runId, c, Split.TRAIN, "q1", "p1", "The answer is 4", "4", true),
                new ExampleResult(runId, c, Split.TRAIN, "q2", "p2", "4", "4", true));
        assertThat(store.completedExampleIds(runId, c, Split.TRAIN)).containsExactlyInAnyOrder("q1", "q2");
        assertThat(store.completedExampleIds(runId, c, Split.VALIDATION)).isEmpty();
        assertThat(store.exampleTally(runId, c, Split.TEST)).isEqualTo(new ExampleTally(0, 1));
        assertThat(store.exampleTally(runId, c, Split.TRAIN).accuracy()).isEqualTo(1.0);
    }

    @Test
    void callLogPerRunAndStoreWide() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        LlmCallRecord ok = new LlmCallRecord("scorer", "openai:gpt-4o-mini", "abc", 1, 120, 30, 0.0001, 850, false, null, at);
        LlmCallRecord hit = new LlmCallRecord("scorer", "openai:gpt-4o-mini", "abc", 1, 0, 0, 0, 1, true, null, at);
        LlmCallRecord failed = new LlmCallRecord("optimizer", "vllm:qwen", "def", 8, 0, 0, 0, 30_000, false,
                LlmException.Kind.TIMEOUT, at);
        CallListener log = store.callLog(runId);
        log.onCall(ok);
        log.onCall(hit);
        log.onCall(failed);
        store.onCall(ok);
        store.flush();

        assertThat(store.calls(runId)).containsExactly(ok, hit, failed);
        assertThat(store.calls(null)).containsExactly(ok);
        CallTotals totals = store.callTotals(runId);
        assertThat(totals).isEqualTo(new CallTotals(3, 1, 1, 120, 30, 0.0001));
        assertThat(totals.totalTokens()).isEqualTo(150);
    }

    @Test
    void eventsRoundTripInOrder() {
        Instant at = Instant.parse("2026-01-02T03:04:05.123Z");
        store.recordEvent(new EventRecord(runId, at, EventLevel.INFO, "step-finished", "step 0: best 0.61", "{\"step\":0}"));
        store.recordEvent(new EventRecord(runId, at, EventLevel.WARN, "retry", "rate limited", null));
        store.flush();
        assertThat(store.events(runId)).containsExactly(
                new EventRecord(runId, at, EventLevel.INFO, "step-finished", "step 0: best 0.61", "{\"step\":0}"),
                new EventRecord(runId, at, EventLevel.WARN, "retry", "rate limited", null));
    }

    @Test
    void workItemsAreKeyedPerRunAndKindAndQueryableByStatus() {
        store.recordWorkItem(new WorkItem(runId, "bpo-pair", "r1", "{\"a\":1}", WorkItem.PENDING, null));
        store.recordWorkItem(WorkItem.done(runId, "bpo-pair", "r2", "{\"a\":2}"));
        store.recordWorkItem(WorkItem.done(runId, "bpo-rewrite", "r1", null));
        store.recordWorkItem(WorkItem.done(runId, "bpo-pair", "r1", "{\"a\":3}"));
        store.flush();

        assertThat(store.workItemKeys(runId, "bpo-pair", WorkItem.DONE)).containsExactly("r1", "r2");
        assertThat(store.workItemKeys(runId, "bpo-pair", WorkItem.PENDING)).isEmpty();
        assertThat(store.workItems(runId, "bpo-pair")).hasSize(2);
        WorkItem r1 = store.workItem(runId, "bpo-pair", "r1").orElseThrow();
        assertThat(r1.payloadJson()).isEqualTo("{\"a\":3}");
        assertThat(r1.updatedAt()).isNotNull();
        assertThat(store.workItem(runId, "bpo-rewrite", "r1").orElseThrow().payloadJson()).isNull();
        assertThat(store.workItems(runId)).extracting(WorkItem::kind, WorkItem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bpo-pair", "r1"), org.assertj.core.groups.Tuple.tuple("bpo-pair", "r2"),
                org.assertj.core.groups.Tuple.tuple("bpo-rewrite", "r1"));
    }

    @Test
    void unitOfWorkIsRolledBackWhenTheCallbackThrows() {
        long c = store.nextCandidateId(runId);
        assertThatThrownBy(() -> store.transaction(tx -> {
            tx.step(new StepRecord(runId, 0, "m", Instant.now(), Instant.now()));
            tx.candidate(CandidateRecord.proposed(runId, c, 0, "x", null, CandidateStatus.KEPT, null));
            throw new IllegalStateException("scorer crashed");
        })).isInstanceOf(IllegalStateException.class);
        store.flush();
        assertThat(store.steps(runId)).isEmpty();
        assertThat(store.candidates(runId)).isEmpty();
    }

    @Test
    void unitOfWorkIsRolledBackWhenOneOfItsWritesFails() {
        long c = store.nextCandidateId(runId);
        store.recordEvent(new EventRecord(runId, Instant.now(), EventLevel.INFO, "before", null, null));
        var unit = store.transaction(tx -> {
            tx.step(new StepRecord(runId, 0, "m", Instant.now(), Instant.now()));
            tx.candidate(CandidateRecord.proposed(runId, c, 0, "x", null, CandidateStatus.KEPT, null));
            // no such candidate: the foreign key refuses it, and with it the whole unit
            tx.exampleResult(new ExampleResult(runId, c + 100, Split.TRAIN, "q1", null, "o", "a", true));
        });
        store.recordEvent(new EventRecord(runId, Instant.now(), EventLevel.INFO, "after", null, null));

        assertThatThrownBy(unit::join).hasCauseInstanceOf(StoreException.class);
        assertThatThrownBy(store::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("runs.db").toString())
                .hasMessageContaining("constraint");
        assertThat(store.steps(runId)).isEmpty();
        assertThat(store.candidates(runId)).isEmpty();
        // writes batched with the failed unit are still committed
        assertThat(store.events(runId)).extracting(EventRecord::type).containsExactly("before", "after");
        store.flush(); // the failure was reported once
    }

    @Test
    void updatingAMissingRunFailsClearly() {
        assertThatThrownBy(() -> store.updateStatus("20990101-000000-0000", RunStatus.RUNNING))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("run 20990101-000000-0000 does not exist");
    }

    @Test
    void reopenedStoreKeepsEverything() {
        long c = store.nextCandidateId(runId);
        store.transaction(tx -> tx
                .step(new StepRecord(runId, 0, "m", Instant.now(), Instant.now()))
                .candidate(CandidateRecord.proposed(runId, c, 0, "x", null, CandidateStatus.KEPT, null))
                .exampleResult(new ExampleResult(runId, c, Split.TRAIN, "q1", null, "o", "a", true)));
        store.close(); // close commits what is queued
        assertThatThrownBy(() -> store.recordEvent(new EventRecord(runId, Instant.now(), EventLevel.INFO, "t", null, null)))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");

        store = RunStore.open(dir.resolve("runs.db"));
        assertThat(store.run(runId)).isPresent();
        assertThat(store.finishedSteps(runId)).containsExactly(0);
        assertThat(store.completedExampleIds(runId, c, Split.TRAIN)).containsExactly("q1");
        assertThat(store.integrityCheck().ok()).isTrue();
    }
}
