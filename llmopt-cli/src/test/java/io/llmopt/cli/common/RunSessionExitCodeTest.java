package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.ExitCodes;
import io.llmopt.core.store.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one mapping from how a run ended to the command's exit code, shared by every running command. */
class RunSessionExitCodeTest {

    @Test
    void eachStatusHasItsDocumentedCode() {
        assertThat(RunSession.exitCode(RunStatus.COMPLETED)).isEqualTo(ExitCodes.OK);
        assertThat(RunSession.exitCode(RunStatus.FAILED)).isEqualTo(ExitCodes.FAILED);
        assertThat(RunSession.exitCode(RunStatus.BUDGET_REACHED)).isEqualTo(ExitCodes.BUDGET_REACHED);
        assertThat(RunSession.exitCode(RunStatus.INTERRUPTED)).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void severalRunsGiveTheFirstThatDidNotCompleteUnlessOneFailed() {
        assertThat(RunSession.exitCode(List.of(RunStatus.COMPLETED, RunStatus.COMPLETED))).isEqualTo(ExitCodes.OK);
        assertThat(RunSession.exitCode(List.of(RunStatus.COMPLETED, RunStatus.BUDGET_REACHED, RunStatus.INTERRUPTED)))
                .isEqualTo(ExitCodes.BUDGET_REACHED);
        assertThat(RunSession.exitCode(List.of(RunStatus.INTERRUPTED, RunStatus.FAILED, RunStatus.COMPLETED)))
                .isEqualTo(ExitCodes.FAILED);
    }
}
