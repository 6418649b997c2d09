package io.llmopt.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Submissions against the simulated batch API: splitting, stopping and resuming, expiry, failure. */
class BatchSubmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    private final BatchJournal journal = new MemoryBatchJournal();

    private OpenAiJobsClient client() {
        return new OpenAiJobsClient(sim.baseUrl(), null, Duration.ofSeconds(10));
    }

    private BatchSubmitter submitter(BatchLimits limits, BatchListener listener) {
        return new BatchSubmitter(client(), journal, limits, Duration.ofMillis(10), listener);
    }

    private static List<BatchLine> lines(int count) {
        List<BatchLine> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode body = JSON.createObjectNode().put("model", "m");
            body.putArray("messages").addObject().put("role", "user").put("content", "question " + i);
            out.add(new BatchLine("q" + i, body));
        }
        return out;
    }

    private long uploads() {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/files")).count();
    }

    @Test
    void everyRequestGetsItsOwnReply() {
        sim.reply((r, i) -> "answer to " + r.lastUserMessage());
        BatchSubmitter.Outcome outcome = submitter(BatchLimits.OPENAI, null).run("eval", CHAT, lines(5), () -> false);
        assertThat(outcome.stopped()).isFalse();
        assertThat(outcome.results()).hasSize(5);
        assertThat(outcome.results().get("q3").body().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("answer to question 3");
        assertThat(journal.parts("eval")).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("completed"));
    }

    @Test
    void theProvidersLimitsSplitASubmissionIntoSeveralJobs() {
        BatchSubmitter.Outcome outcome = submitter(new BatchLimits(2, 1_000_000), null).run("eval", CHAT, lines(5), () -> false);
        assertThat(outcome.results()).hasSize(5);
        assertThat(sim.batchCount()).isEqualTo(3);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(5);
    }

    @Test
    void aStoppedSubmissionLeavesItsJobRunningAndTheResumeFollowsItInsteadOfSubmittingAgain() {
        sim.batchProcessingTime(Duration.ofMillis(800));
        AtomicBoolean stop = new AtomicBoolean();
        BatchListener stopOnceSubmitted = new BatchListener() {
            @Override
            public void submitted(String part, String batchId, int requests, boolean resumed) {
                stop.set(true);
            }
        };
        BatchSubmitter.Outcome first = submitter(BatchLimits.OPENAI, stopOnceSubmitted).run("eval", CHAT, lines(6), stop::get);
        assertThat(first.stopped()).isTrue();
        assertThat(first.results()).isEmpty();

        BatchSubmitter.Outcome second = submitter(BatchLimits.OPENAI, null).run("eval", CHAT, lines(6), () -> false);
        assertThat(second.results()).hasSize(6);
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(uploads()).isEqualTo(1);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(6);
    }

    @Test
    void aJobCreatedJustBeforeAKillIsFoundByItsMetadata() {
        // the first attempt uploaded, said it would create the job, created it and died before writing its id
        String fileId = client().uploadFile("eval-0.jsonl", "batch", ("{\"custom_id\": \"q0\", \"method\": \"POST\", \"url\": \""
                + CHAT + "\", \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).id();
        journal.record(new BatchJournal.Part("eval#0", List.of("q0"), fileId, null, "creating"));
        client().createBatch(fileId, CHAT, JSON.createObjectNode().put("llmopt_part", "eval#0"));

        BatchSubmitter.Outcome outcome = submitter(BatchLimits.OPENAI, null).run("eval", CHAT, lines(1), () -> false);
        assertThat(outcome.results()).containsKey("q0");
        assertThat(sim.batchCount()).isEqualTo(1);
    }

    @Test
    void anEndedJobSaysHowManyRequestsItAnsweredWithHowManyTokensAndHowLongItTook() {
        sim.batchProcessingTime(java.time.Duration.ofMillis(150));
        List<BatchJobEnd> ended = new ArrayList<>();
        BatchListener listener = new BatchListener() {
            @Override
            public void ended(BatchJobEnd end) {
                ended.add(end);
            }
        };
        submitter(BatchLimits.OPENAI, listener).run("eval", CHAT, lines(4), () -> false);
        assertThat(ended).hasSize(1);
        BatchJobEnd end = ended.getFirst();
        assertThat(end.status()).isEqualTo("completed");
        assertThat(end.requests()).isEqualTo(4);
        assertThat(end.succeeded()).isEqualTo(4);
        assertThat(end.unfinished()).isZero();
        assertThat(end.promptTokens()).isPositive();
        assertThat(end.completionTokens()).isPositive();
        assertThat(end.duration()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(150));
        assertThat(end.batchId()).startsWith("batch");
    }

    @Test
    void anExpiredJobKeepsWhatItFinishedAndOnlyTheRestIsSubmittedAgain() {
        sim.batchExpiresAfterRequests(3);
        List<String> ended = new ArrayList<>();
        BatchListener relax = new BatchListener() {
            @Override
            public void ended(BatchJobEnd end) {
                ended.add(end.status() + ":" + end.unfinished());
                sim.batchExpiresAfterRequests(null);
            }
        };
        BatchSubmitter.Outcome outcome = submitter(BatchLimits.OPENAI, relax).run("eval", CHAT, lines(10), () -> false);
        assertThat(outcome.results()).hasSize(10).allSatisfy((id, r) -> assertThat(r.succeeded()).isTrue());
        assertThat(ended).containsExactly("expired:7", "completed:0");
        assertThat(sim.batchCount()).isEqualTo(2);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(10); // none ran twice
        assertThat(journal.parts("eval")).extracting(BatchJournal.Part::key).containsExactlyInAnyOrder("eval#0", "eval#0.r1");
    }

    @Test
    void aRequestThatFailedComesBackWithItsStatus() {
        sim.reply("fine").inject(FaultRule.when(r -> r.lastUserMessage().equals("question 1"), Fault.SERVER_ERROR));
        BatchSubmitter.Outcome outcome = submitter(BatchLimits.OPENAI, null).run("eval", CHAT, lines(3), () -> false);
        assertThat(outcome.results().get("q1").statusCode()).isEqualTo(500);
        assertThat(outcome.results().get("q0").succeeded()).isTrue();
    }

    @Test
    void aJobThatFailsAsAWholeSaysWhy() {
        sim.failNextBatch("capacity exhausted");
        assertThatThrownBy(() -> submitter(BatchLimits.OPENAI, null).run("eval", CHAT, lines(2), () -> false))
                .isInstanceOf(BatchSubmitter.BatchFailedException.class).hasMessageContaining("capacity exhausted");
    }
}
