package io.llmopt.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static Progress progress(int step, long calls) {
        return new Progress("run-1", "scoring", step, 10, 100, 400, OptionalDouble.of(0.8125), 3,
                calls, 40, 123_456, 0.0123, 2, Duration.ofSeconds(90));
    }

    @Test
    void statusLineShowsEverythingAUserWatches() {
        assertThat(StatusLine.of(progress(4, 1234)))
                .isEqualTo("step 4/10 · best 0.813 (step 3) · 1234 calls (40 cached) · 123k tok · $0.0123 · 2 retried · ETA 3m30s");
    }

    @Test
    void logProgressPrintsOneLinePerIntervalHoweverFastStepsGo() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LogProgress log = new LogProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ofHours(1), false);
        for (int step = 1; step <= 10_000; step++) {
            log.onProgress(progress(step, step));
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1); // before: one line per step change, 10,000
        assertThat(lines[0]).startsWith("[run-1] scoring 100/400 | step 1/10");
    }

    @Test
    void logProgressPrintsAgainOnceTheIntervalHasPassed() throws InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LogProgress log = new LogProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ofMillis(50), false);
        log.onProgress(progress(1, 10));
        log.onProgress(progress(2, 11));
        Thread.sleep(60);
        log.onProgress(progress(3, 12));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("step 3/10");
    }
}
