package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.sim.NumericReplies;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --store X} a run's folder (its report) goes next to X, unless a runs folder is set. */
@ExtendWith(SimulatedLlmExtension.class)
class StoreFolderTest {

    @TempDir
    Path dir;

    private static ConfigOptions withStore(Path store) {
        ConfigOptions options = new ConfigOptions();
        options.store = store;
        options.model = "openai:gpt-4o-mini";
        return options;
    }

    @Test
    void theRunsFolderFollowsTheStoreUnlessOneIsSetAnywhere() throws Exception {
        Path store = dir.resolve("exp/runs.db");
        // before: ./llmopt-runs, wherever the store was
        assertThat(withStore(store).load(Map.of()).settings().resolvedRunsDir()).isEqualTo(dir.resolve("exp"));
        assertThat(withStore(Path.of("x.db")).load(Map.of()).settings().resolvedRunsDir()).isEqualTo(Path.of("."));

        ConfigOptions explicit = withStore(store);
        explicit.runsDir = dir.resolve("elsewhere");
        assertThat(explicit.load(Map.of()).settings().resolvedRunsDir()).isEqualTo(dir.resolve("elsewhere"));
        assertThat(withStore(store).load(Map.of("LLMOPT_RUNS_DIR", "/data/r")).settings().resolvedRunsDir())
                .isEqualTo(Path.of("/data/r"));
        ConfigOptions fromFile = withStore(store);
        fromFile.configFile = Files.writeString(dir.resolve("llmopt.yaml"), "runs_dir: " + dir.resolve("r") + "\n");
        assertThat(fromFile.load(Map.of()).settings().resolvedRunsDir()).isEqualTo(dir.resolve("r"));
        assertThat(withStore(null).load(Map.of()).settings().resolvedRunsDir()).isEqualTo(Path.of("llmopt-runs"));
    }

    @Test
    void aRunStartedWithStoreWritesItsReportNextToTheStore(SimulatedLlmServer sim) {
        sim.reply(NumericReplies.optimizer());
        Path store = dir.resolve("exp/my.db");
        CliRunner.Result r = CliRunner.run("opro", "linreg", "--w", "3", "--b", "2", "--reps", "1", "--steps", "3",
                "--model", "openai-compatible:" + sim.baseUrl() + "#sim-optimizer", "--store", store.toString(),
                "--cache", "off", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String report = r.out().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow().substring(8);
        assertThat(Path.of(report)).exists().startsWith(dir.resolve("exp"));
    }
}
