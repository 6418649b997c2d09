package io.llmopt.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain progress lines for logs: a batch job's submission and end are always said, its counts only with -v. */
class LogProgressTest {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private LogProgress log(boolean verbose) {
        return new LogProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ofSeconds(10), verbose);
    }

    private static RunEvent event(String type, String message) {
        return RunEvent.info("run-1", type, message, Map.of("batch_id", "batch_7f3a"));
    }

    @Test
    void aBatchJobsSubmissionAndEndAreAlwaysLoggedItsCountsOnlyWhenVerbose() {
        LogProgress quiet = log(false);
        quiet.onEvent(event("batch.submitted", "models.scorer: submitted batch batch_7f3a (2,088 requests)"));
        quiet.onEvent(event("batch.progress", "models.scorer: batch batch_7f3a in_progress, 1,200 of 2,088 done"));
        quiet.onEvent(event("batch.ended", "models.scorer: batch batch_7f3a completed in 3.2 s, 2,088 of 2,088 answered"));
        quiet.onEvent(event("step.finished", "step 1: 8 kept"));
        assertThat(buf.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "[run-1] INFO models.scorer: submitted batch batch_7f3a (2,088 requests)",
                "[run-1] INFO models.scorer: batch batch_7f3a completed in 3.2 s, 2,088 of 2,088 answered");
        buf.reset();
        log(true).onEvent(event("batch.progress", "models.scorer: batch batch_7f3a in_progress, 1,200 of 2,088 done"));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("1,200 of 2,088 done");
    }
}
