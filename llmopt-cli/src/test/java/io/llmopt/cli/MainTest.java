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

    @Test
    void simNamesItsSeedModesWhenGivenAnUnknownOne() {
        CliRunner.Result r = CliRunner.run("sim", "--seed", "sometimes");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--seed: unknown mode 'sometimes' (fixed, honoured or ignored)");
        assertThat(CliRunner.run("sim", "--help").out()).contains("--reject-field").contains("/v1/batches");
    }

    @Test
    void modelListShowsTheCatalogueAndItsDefault() {
        CliRunner.Result r = CliRunner.run("model", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("qwen2.5-1.5b-instruct").contains("(default)").contains("Qwen/");
    }

    @Test
    void withNoModelConfiguredEveryRoleUsesTheDefaultLocalModel() {
        var options = new io.llmopt.cli.common.ConfigOptions();
        var loaded = options.load(java.util.Map.of());
        assertThat(loaded.specForRole("scorer").toString()).isEqualTo("local:qwen2.5-1.5b-instruct");
        assertThat(loaded.specForRole("optimizer").toString()).isEqualTo("local:qwen2.5-1.5b-instruct");
        options.model = "openai:gpt-4o-mini";
        assertThat(options.load(java.util.Map.of()).specForRole("judge").model()).isEqualTo("gpt-4o-mini");
    }
}
