package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command shows the roles it uses; --model names its models after the roles; --concurrency reaches every one. */
class RoleOptionsTest {

    @TempDir
    Path dir;

    @Test
    void eachCommandListsOnlyItsOwnRoles() {
        assertRoles(List.of("opro", "prompt"), List.of("--optimizer", "--scorer"), List.of("--judge", "--responder", "--rewriter"));
        assertRoles(List.of("opro", "evaluate"), List.of("--scorer"), List.of("--optimizer", "--judge", "--responder", "--rewriter"));
        assertRoles(List.of("opro", "linreg"), List.of("--optimizer"), List.of("--scorer", "--judge", "--responder", "--rewriter"));
        assertRoles(List.of("bpo", "eval"), List.of("--rewriter", "--responder", "--judge"), List.of("--optimizer", "--scorer"));
        assertRoles(List.of("bpo", "build-pairs"), List.of("--rewriter"), List.of("--optimizer", "--scorer", "--judge", "--responder"));
    }

    private static void assertRoles(List<String> command, List<String> shown, List<String> hidden) {
        List<String> args = new java.util.ArrayList<>(command);
        args.add("--help");
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String flag : shown) {
            assertThat(r.out()).as(command + " shows " + flag).contains(flag + "=MODEL");
        }
        for (String flag : hidden) {
            assertThat(r.out()).as(command + " hides " + flag).doesNotContain(flag + "=");
        }
    }

    @Test
    void aRoleFlagOfTheCommandIsRead() {
        CliRunner.Result r = CliRunner.run("opro", "prompt", "--scorer", "nonsense-name-not-configured", "--model",
                "openai:gpt-4o-mini", "--dataset", "gsm8k", "--dry-run");
        // the scorer flag reached the configuration: it names a model that is not defined
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nonsense-name-not-configured");
    }

    @Test
    void theHelpsSetExampleWorksWithModelAndNamesTheModelsAfterTheirRoles() {
        ConfigOptions options = new ConfigOptions();
        options.model = "openai:gpt-4o-mini";
        options.assignments = List.of("models.scorer.max_concurrency=8");
        LoadedConfig loaded = options.load(Map.of());
        assertThat(loaded.settings().models().get("scorer").maxConcurrency()).isEqualTo(8);
        assertThat(loaded.settings().models().get("optimizer").maxConcurrency()).isNull();
    }

    @Test
    void concurrencySetsMaxConcurrencyForTheModelOfEveryRole() throws Exception {
        ConfigOptions options = new ConfigOptions();
        options.model = "openai:gpt-4o-mini";
        options.concurrency = 5;
        LoadedConfig loaded = options.load(Map.of());
        assertThat(loaded.settings().roles().asMap()).isNotEmpty();
        loaded.settings().roles().asMap().values().forEach(model ->
                assertThat(loaded.settings().models().get(model).maxConcurrency()).as(model).isEqualTo(5));

        // roles naming a model of the file: that model gets it, over the file's own value
        Path file = Files.writeString(dir.resolve("llmopt.yaml"), """
                models:
                  gpt: {spec: "openai:gpt-4o-mini", max_concurrency: 32}
                roles: {optimizer: gpt, scorer: gpt}
                """);
        ConfigOptions fromFile = new ConfigOptions();
        fromFile.configFile = file;
        fromFile.concurrency = 3;
        assertThat(fromFile.load(Map.of()).settings().models().get("gpt").maxConcurrency()).isEqualTo(3);
    }

    @Test
    void aConcurrencyBelowOneIsAUsageError() {
        CliRunner.Result r = CliRunner.run("opro", "linreg", "--w", "1", "--b", "1", "--model", "openai:gpt-4o-mini",
                "--concurrency", "0", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--concurrency: got 0, expected at least 1");
    }
}
