package io.llmopt.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static Progress at(int step, int total, long done, long units, Duration elapsed) {
        return new Progress("r", "scoring", step, total, done, units, OptionalDouble.empty(), 0, 0, 0, 0, 0, 0, elapsed);
    }

    @Test
    void etaFollowsThePaceOfFinishedSteps() {
        // 4 steps done in 40 s: step 5 of 10 leaves 6 steps at 10 s each.
        assertThat(at(5, 10, 0, 0, Duration.ofSeconds(40)).eta()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void etaFallsBackToUnitsWithinAPhase() {
        assertThat(at(1, 10, 25, 100, Duration.ofSeconds(5)).eta()).isEqualTo(Duration.ofSeconds(15));
        assertThat(at(1, 0, 0, 0, Duration.ofSeconds(5)).eta()).isNull();
    }

    @Test
    void compositeListenerForwardsToAllInOrder() {
        List<String> seen = new ArrayList<>();
        RunListener a = new RunListener() {
            @Override
            public void onEvent(RunEvent e) {
                seen.add("a:" + e.type());
            }
        };
        RunListener b = new RunListener() {
            @Override
            public void onEvent(RunEvent e) {
                seen.add("b:" + e.type());
            }
        };
        RunListener.of(a, b).onEvent(RunEvent.info("r", "step.finished", "done", Map.of("step", 1)));
        assertThat(seen).containsExactly("a:step.finished", "b:step.finished");
    }
}
