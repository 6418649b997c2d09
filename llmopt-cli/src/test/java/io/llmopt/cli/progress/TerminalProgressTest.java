package io.llmopt.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress display as an 80-column terminal shows it: frames redrawn in place, lines left behind. */
class TerminalProgressTest {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private int columns = 80;

    private TerminalProgress display() {
        return new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, () -> columns,
                nanos::get, Duration.ZERO, false);
    }

    private void advance(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private static Progress evaluation(int unitsDone, double cost, long elapsedSeconds) {
        return new Progress("run-1", "evaluation", 0, 0, unitsDone, 40, OptionalDouble.of(0.8125), 2,
                1234 + unitsDone, 40, 123_456, cost, 0, Duration.ofSeconds(elapsedSeconds));
    }

    private static RunEvent stepFinished(int step) {
        return RunEvent.info("run-1", "step.finished", "step " + step + ": 8 kept, 0 dropped, step best 0.790, best 0.813",
                Map.of());
    }

    /** Runs three OPRO steps of 40 scorer calls each, two seconds a call. */
    private TerminalProgress threeSteps() {
        TerminalProgress display = display();
        long elapsed = 0;
        for (int step = 1; step <= 3; step++) {
            for (int unit = 0; unit <= 40; unit++) {
                display.onProgress(evaluation(unit, 0.0123 * step, elapsed));
                advance(2);
                elapsed += 2;
            }
            display.onEvent(stepFinished(step));
            display.onProgress(new Progress("run-1", "step", step, 10, step, 10, OptionalDouble.of(0.8125), 2,
                    1300, 40, 123_456, 0.0123 * step, 0, Duration.ofSeconds(elapsed)));
        }
        return display;
    }

    private static RunEvent batch(String type, String message, Map<String, Object> data) {
        return RunEvent.info("run-1", type, message, data);
    }

    @Test
    void batchJobsShowTheirSubmissionTheProvidersCountsOnTheLiveLineTheirEndAndTheMoneySaved() {
        TerminalProgress display = display();
        display.onProgress(evaluation(0, 0.0, 0));
        display.onEvent(batch("batch.submitted", "models.scorer: submitted batch batch_7f3a (2,088 requests)",
                Map.of("batch_id", "batch_7f3a", "requests", 2088)));
        display.onEvent(batch("batch.progress", "models.scorer: batch batch_7f3a in_progress, 1,200 of 2,088 done",
                Map.of("batch_id", "batch_7f3a", "status", "in_progress", "completed", 1200, "failed", 0, "requests", 2088)));
        advance(1);
        display.onProgress(evaluation(0, 0.0, 1));
        String during = frames(buf.toString(StandardCharsets.UTF_8)).getLast();
        assertThat(during).contains("batch batch_7f3a 1,200/2,088");
        display.onEvent(batch("batch.ended", "models.scorer: batch batch_7f3a completed in 3.2 s, 2,088 of 2,088 answered,"
                + " $0.2100 (saved $0.2100)", Map.of("batch_id", "batch_7f3a", "status", "completed", "saved", 0.21)));
        advance(1);
        display.onProgress(evaluation(40, 0.21, 2));
        List<String> screen = screen(buf.toString(StandardCharsets.UTF_8));
        assertThat(screen).anyMatch(l -> l.startsWith("⧗ models.scorer: submitted batch batch_7f3a (2,088 requests)"));
        assertThat(screen).anyMatch(l -> l.startsWith("✓ models.scorer: batch batch_7f3a completed in 3.2 s"));
        // the counts are never a line of their own; after the end the live line shows what was saved
        assertThat(screen).noneMatch(l -> l.contains("1,200 of 2,088 done"));
        String after = frames(buf.toString(StandardCharsets.UTF_8)).getLast();
        assertThat(after).contains("saved $0.2100").doesNotContain("batch_7f3a");
    }

    @Test
    void everyFrameFitsEightyColumnsWithAReadableBarTheCostARateAndAnEta() {
        threeSteps();
        List<String> frames = frames(buf.toString(StandardCharsets.UTF_8));
        List<String> evaluationFrames = frames.stream().filter(f -> f.contains("evaluation")).toList();
        assertThat(evaluationFrames).hasSizeGreaterThan(100);
        for (String frame : frames) {
            assertThat(frame.length()).as(frame).isLessThan(80);
        }
        // before: a one-cell bar and the cost cut off at 80 columns
        String midway = evaluationFrames.get(20);
        assertThat(midway).contains("$0.0123").contains("20/40").contains("ETA 40s").contains("0.5/s");
        assertThat(barCells(midway)).isGreaterThanOrEqualTo(BarLayout.BAR_MIN);
        // before: "(0:00:00 / 0:00:00) ?/s" on the step line
        assertThat(frames).noneMatch(f -> f.contains("?/s") || f.contains("0:00:00"));
        assertThat(frames.stream().filter(f -> f.contains("step 3/10")).findFirst().orElseThrow())
                .contains("3/10").contains("ETA ");
    }

    @Test
    void aFinishedStepLeavesOneSummaryLineAndOnlyTheLivePhaseIsRedrawn() {
        TerminalProgress display = threeSteps();
        List<String> screen = screen(buf.toString(StandardCharsets.UTF_8));
        // three summaries, then the one live line; before: two lines per step and every bar kept
        assertThat(screen).hasSize(4);
        assertThat(screen.subList(0, 3)).allSatisfy(line -> assertThat(line).startsWith("✓ step ").contains("$0.0"));
        assertThat(screen.get(3)).contains("step 3/10");
        display.onEvent(RunEvent.info("run-1", "run.finished", "run run-1 completed", Map.of()));
        display.close();
        List<String> after = screen(buf.toString(StandardCharsets.UTF_8));
        assertThat(after).hasSize(3); // nothing left under the command's own results
    }

    @Test
    void afterCtrlCTheLineSaysStoppingAndKeepsMoving() {
        TerminalProgress display = display();
        display.onProgress(evaluation(10, 0.01, 20));
        display.stopping();
        advance(3);
        display.tick();
        advance(3);
        display.tick();
        List<String> frames = frames(buf.toString(StandardCharsets.UTF_8));
        List<String> stopping = frames.stream().filter(f -> f.contains("stopping: evaluation")).toList();
        assertThat(stopping).hasSize(3);
        // the elapsed time goes on while the step finishes: the line is not frozen
        assertThat(stopping.get(1)).isNotEqualTo(stopping.get(2));
        assertThat(stopping.get(2)).contains("waiting 6s");
    }

    @Test
    void aNarrowTerminalDropsTheLeastImportantFieldsFirstAndKeepsTheCost() {
        columns = 50;
        TerminalProgress display = display();
        display.onProgress(evaluation(0, 0.5, 0));
        advance(4);
        display.onProgress(evaluation(20, 0.5, 4));
        List<String> frames = frames(buf.toString(StandardCharsets.UTF_8));
        String last = frames.get(frames.size() - 1);
        assertThat(last.length()).isLessThan(50);
        assertThat(last).contains("20/40").contains("$0.5000").doesNotContain("calls").doesNotContain("tok");
        assertThat(barCells(last)).isGreaterThanOrEqualTo(BarLayout.BAR_MIN);
        columns = 30;
        display.onProgress(evaluation(21, 0.5, 5));
        frames = frames(buf.toString(StandardCharsets.UTF_8));
        last = frames.get(frames.size() - 1);
        assertThat(last.length()).isLessThan(30);
        assertThat(last).contains("21/40").contains("$0.5000");
    }

    private static long barCells(String frame) {
        return frame.chars().filter(c -> c == '█' || c == '░').count();
    }

    /** Each redraw: what follows a return-and-erase up to the next one or a newline. */
    private static List<String> frames(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split("\r\033\\[K", -1)) {
            for (String line : part.split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** What stays on a terminal: returns go to the line's start, erase clears the line, newlines move on. */
    private static List<String> screen(String raw) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                // the next write starts at the column 0; with an erase right after, the line is cleared
                if (raw.startsWith("\033[K", i + 1)) {
                    current.setLength(0);
                    i += 3;
                } else {
                    current.setLength(0);
                }
            } else if (c == '\n') {
                lines.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return Arrays.asList(lines.toArray(String[]::new));
    }
}
