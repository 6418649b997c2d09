package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionAndHelpListTheCommands() {
        CliRunner.Result version = CliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("llmopt ");
        CliRunner.Result help = CliRunner.run("--help");
        assertThat(help.out()).contains("grade").contains("sim").contains("Exit codes");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("sim", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option");
    }

    @Test
    void simRefusesAMissingKeyVariable() {
        CliRunner.Result r = CliRunner.run("sim", "--api-key-env", "LLMOPT_TEST_SURELY_UNSET_VARIABLE");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("LLMOPT_TEST_SURELY_UNSET_VARIABLE is not set");
    }
}
