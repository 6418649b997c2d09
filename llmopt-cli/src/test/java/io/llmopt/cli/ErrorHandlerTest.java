package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.RunLease;
import io.llmopt.core.store.RunLeasedException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** An Error reaching the command line is one line and exit 1; a run another process holds is exit 2. */
class ErrorHandlerTest {

    @Test
    void anOutOfMemoryErrorWrappedByAFutureIsOneLineAndExit1() {
        Throwable t = new CompletionException(new OutOfMemoryError("Java heap space"));
        assertThat(ErrorHandler.oneLine(t)).startsWith("out of memory (Java heap space); the run is recorded failed").doesNotContain("\n");
        assertThat(ErrorHandler.exitCodeOf(t)).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void aRunHeldByAnotherProcessIsAUsageError() {
        Instant t = Instant.parse("2026-01-01T10:02:00Z");
        RunLeasedException e = new RunLeasedException(new RunLease("r1", "o", 1234, "h", t, t));
        assertThat(ErrorHandler.exitCodeOf(e)).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorHandler.oneLine(e)).startsWith("run r1 is being run by pid 1234 on host h since ")
                .contains("; stop it first, or wait");
    }

    @Test
    void rawBytesFromAFileAreShownEscaped() {
        RuntimeException e = new RuntimeException("runs.db: [SQLITE_CORRUPT] bad page \u0001\u001b[31m\u0000x\ny");
        assertThat(ErrorHandler.oneLine(e)).isEqualTo("runs.db: [SQLITE_CORRUPT] bad page \\x01\\x1B[31m\\x00x y");
    }
}
