package io.llmopt.report;

import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.StepRecord;
import io.llmopt.core.store.WorkItem;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The columns of each exported table and a store record as a row of them: one layout for CSV and JSON. */
final class TableRows {

    static final List<String> RUN = List.of("id", "kind", "name", "status", "created_at", "started_at", "finished_at",
            "config", "summary");
    static final List<String> STEP = List.of("step", "meta_prompt", "started_at", "finished_at");
    static final List<String> CANDIDATE = List.of("id", "step", "text", "status", "reason", "train_score",
            "validation_score", "test_score", "penalized_score", "raw_output");
    static final List<String> EXAMPLE_RESULT = List.of("candidate_id", "split", "example_id", "correct", "parsed_answer",
            "output", "prompt_hash");
    static final List<String> CALL = List.of("started_at", "role", "model", "request_hash", "samples", "prompt_tokens",
            "completion_tokens", "cost", "latency_ms", "cache_hit", "error");
    static final List<String> EVENT = List.of("at", "level", "type", "message", "data");
    static final List<String> WORK_ITEM = List.of("kind", "key", "status", "updated_at", "payload");

    private TableRows() {
    }

    static List<Object> run(RunRecord r) {
        return row(r.id(), r.kind(), r.name(), r.status().wireName(), time(r.createdAt()), time(r.startedAt()),
                time(r.finishedAt()), r.configJson(), r.summaryJson());
    }

    static List<Object> step(StepRecord s) {
        return row(s.index(), s.metaPrompt(), time(s.startedAt()), time(s.finishedAt()));
    }

    static List<Object> candidate(CandidateRecord c) {
        return row(c.id(), c.step(), c.text(), c.status().wireName(), c.reason(), c.trainScore(), c.validationScore(),
                c.testScore(), c.penalizedScore(), c.rawOutput());
    }

    static List<Object> exampleResult(ExampleResult r) {
        return row(r.candidateId(), r.split().wireName(), r.exampleId(), r.correct(), r.parsedAnswer(), r.output(), r.promptHash());
    }

    static List<Object> call(LlmCallRecord c) {
        return row(time(c.startedAt()), c.role(), c.model(), c.requestHash(), c.samples(), c.promptTokens(),
                c.completionTokens(), c.cost(), c.latencyMillis(), c.cacheHit(), c.error() == null ? null : c.error().name());
    }

    static List<Object> event(EventRecord e) {
        return row(time(e.at()), e.level().name().toLowerCase(java.util.Locale.ROOT), e.type(), e.message(), e.dataJson());
    }

    static List<Object> workItem(WorkItem w) {
        return row(w.kind(), w.key(), w.status(), time(w.updatedAt()), w.payloadJson());
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static List<Object> row(Object... values) {
        // Arrays.asList, not List.of: cells may be null
        return Arrays.asList(values);
    }
}
