package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A refused key is about the run, not a record: bpo eval stops at the first 401 with one line, exit 1. */
@ExtendWith(SimulatedLlmExtension.class)
class PermanentFailureTest {

    @TempDir
    Path dir;

    @Test
    void bpoEvalWithARefusedKeyStopsAtOnceWithOneLine(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        sim.inject(FaultRule.always(Fault.UNAUTHORIZED));
        List<String> args = new ArrayList<>(Worlds.bpoEval(Worlds.prompts(dir)));
        args.addAll(Worlds.common(sim, dir, "off"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("unauthorized").contains("API key");
        assertThat(sim.requestCount()).as("calls after the first 401").isLessThanOrEqualTo(16 * 3);
        try (RunStore s = RunStore.open(dir.resolve("runs.db"))) {
            assertThat(s.runs()).hasSize(1);
            assertThat(s.runs().get(0).status()).isEqualTo(RunStatus.FAILED);
            String id = s.runs().get(0).id();
            assertThat(r.err().strip()).as("the wording opro prompt gives")
                    .startsWith("llmopt: run " + id + " failed: unauthorized")
                    .endsWith("; fix the API key first (its environment variable or key file), then resume with: llmopt runs resume "
                            + id + " --store " + dir.resolve("runs.db"));
        }
        System.out.printf("bpo eval, refused key: exit %d, %d stderr line(s), %d request(s) for 40 records: %s%n",
                r.exitCode(), r.err().strip().lines().count(), sim.requestCount(), r.err().strip());
    }
}
