package io.llmopt.cli.reliability;

import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OPRO prompt run and a BPO eval run, each killed with SIGKILL at 20 random points and resumed
 * every time, end with exactly the uninterrupted run's results in an intact store, having repeated
 * no more calls than were in flight at the kills. The benchmark variants kill 60 times.
 */
@ExtendWith(SimulatedLlmExtension.class)
class KillResumeTest {

    @TempDir
    Path dir;

    private KillPoints.Figures killAndResume(SimulatedLlmServer sim, boolean opro, int kills) throws Exception {
        Worlds.script(sim);
        sim.latency(Duration.ofMillis(25));
        var command = opro ? Worlds.oproPrompt(Worlds.sums(dir)) : Worlds.bpoEval(Worlds.prompts(dir));
        KillPoints.Figures figures = new KillPoints(sim, dir, command, opro ? 7 : 11).run(kills);
        System.out.println(figures.line());
        return figures;
    }

    @Test
    void oproPromptSurvivesTwentyKills(SimulatedLlmServer sim) throws Exception {
        killAndResume(sim, true, 20);
    }

    @Test
    void bpoEvalSurvivesTwentyKills(SimulatedLlmServer sim) throws Exception {
        killAndResume(sim, false, 20);
    }

    @Test
    @Tag("benchmark")
    void oproPromptSurvivesSixtyKills(SimulatedLlmServer sim) throws Exception {
        killAndResume(sim, true, 60);
    }

    @Test
    @Tag("benchmark")
    void bpoEvalSurvivesSixtyKills(SimulatedLlmServer sim) throws Exception {
        killAndResume(sim, false, 60);
    }
}
