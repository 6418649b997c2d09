package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlackBoxOptimizationTest {

    private static final String SPACE = """
            description: Find the settings with the lowest error of the calibration script.
            direction: minimize
            parameters:
              x: {type: int, min: -10, max: 10}
              y: {type: int, min: -10, max: 10}
              note: {type: text, max_length: 100}
            """;
    private static final Pattern SOLUTION = Pattern.compile("\\{\"x\":(-?\\d+),\"y\":(-?\\d+),");

    /** Moves from the best solution (the last one shown); one sample in four goes out of range. */
    private static ScriptedLanguageModel model() {
        return ScriptedLanguageModel.perSample((request, i) -> {
            Matcher m = SOLUTION.matcher(request.lastUserContent());
            long x = 0;
            long y = 0;
            while (m.find()) {
                x = Long.parseLong(m.group(1));
                y = Long.parseLong(m.group(2));
            }
            Random random = new Random(request.seed() * 7 + i);
            long nx = i == 3 ? 11 : x + random.nextInt(5) - 2;
            long ny = y + random.nextInt(5) - 2;
            return "Moving towards lower values; note with shell text to prove it is inert.\n"
                    + "{\"x\": " + nx + ", \"y\": " + ny + ", \"note\": \"$(rm -rf /); echo hi\"}";
        });
    }

    @Test
    void findsTheOptimumOfARealCommandAndNeverEvaluatesInvalidCandidates(@TempDir Path dir) throws Exception {
        SearchSpace space = SearchSpaceLoader.parse(SPACE, "space.yaml", false);
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", CommandObjectiveTest.quadraticScript(dir).toString()),
                Duration.ofSeconds(10));
        BlackBoxProblem problem = BlackBoxProblem.withRandomStart(space, objective, 3, 42, OptionalDouble.of(0));
        ScriptedLanguageModel optimizer = model();
        NumericRunResult<Candidate> result = new NumericOptimizer(optimizer,
                NumericOptimizerConfig.builder().candidatesPerStep(4).maxSteps(60).seed(5L).build()).run(problem);

        assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
        assertThat(result.best().value()).isZero();
        assertThat(result.best().solution().number("x")).isEqualTo(3);
        assertThat(result.best().solution().number("y")).isEqualTo(-1);
        assertThat(result.invalidReasons()).containsOnlyKeys(SearchSpace.INVALID_VALUE);
        assertThat(result.history()).allSatisfy(e -> assertThat(space.validate(e.solution())).isEmpty());

        String secondPrompt = optimizer.requests().get(1).lastUserContent();
        assertThat(secondPrompt).startsWith("Find the settings with the lowest error of the calibration script.\n\n"
                + "Now you will help me minimize a function of 3 parameters:\n- x: an integer between -10 and 10\n");
        assertThat(secondPrompt).contains("arranged in descending order based on their values, where lower values are better.");
        assertThat(secondPrompt).endsWith("The output must end with the solution as a JSON object with exactly the keys \"x\", \"y\", \"note\".");
    }
}
