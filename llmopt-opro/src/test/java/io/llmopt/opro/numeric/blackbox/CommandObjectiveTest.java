package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandObjectiveTest {

    /** (x − 3)² + (y + 1)², reading the candidate JSON from stdin with sh and awk only. */
    static Path quadraticScript(Path dir) throws Exception {
        Path script = dir.resolve("objective.sh");
        Files.writeString(script, """
                #!/bin/sh
                IFS= read -r line
                printf '%s\\n' "$line" | awk '{
                  match($0, /"x":-?[0-9.]+/); x = substr($0, RSTART + 4, RLENGTH - 4)
                  match($0, /"y":-?[0-9.]+/); y = substr($0, RSTART + 4, RLENGTH - 4)
                  print (x - 3) ^ 2 + (y + 1) ^ 2
                }'
                """);
        return script;
    }

    static Candidate candidate(long x, long y, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", x);
        values.put("y", y);
        values.put("note", note);
        return new Candidate(values);
    }

    @Test
    void passesTheCandidateAsJsonOnStdinAndReadsTheNumberPrinted(@TempDir Path dir) throws Exception {
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", quadraticScript(dir).toString()), Duration.ofSeconds(10));
        assertThat(objective.evaluate(candidate(5, 1, "")).join()).isEqualTo(8.0);
        assertThat(objective.evaluate(candidate(3, -1, "")).join()).isEqualTo(0.0);
    }

    @Test
    void shellMetacharactersInACandidateAreInert(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("pwned");
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", quadraticScript(dir).toString()), Duration.ofSeconds(10), dir);
        for (String note : List.of("; touch " + marker + "; rm -rf /", "$(touch " + marker + ")", "`touch " + marker + "`",
                "\" ; touch " + marker + " ; echo \"", "' && touch " + marker + " #")) {
            assertThat(objective.evaluate(candidate(4, -1, note)).join()).as(note).isEqualTo(1.0);
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void aFailingCommandFailsTheEvaluationWithItsStatusAndStderr() {
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", "-c", "echo 'bad input' >&2; exit 3"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> objective.evaluate(candidate(0, 0, "")).join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("command exited with status 3: bad input");
    }

    @Test
    void nonNumericOutputFailsTheEvaluation() {
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", "-c", "cat >/dev/null; echo done"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> objective.evaluate(candidate(0, 0, "")).join()).hasMessageContaining("not a number: done");
    }

    @Test
    void acceptsAJsonObjectWithAValue() {
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", "-c", "cat >/dev/null; echo 'log line'; echo '{\"value\": 2.5}'"),
                Duration.ofSeconds(10));
        assertThat(objective.evaluate(candidate(0, 0, "")).join()).isEqualTo(2.5);
    }

    @Test
    void aSlowCommandTimesOutAndIsKilled() {
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", "-c", "sleep 30; echo 1"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> objective.evaluate(candidate(0, 0, "")).join()).hasMessageContaining("timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
