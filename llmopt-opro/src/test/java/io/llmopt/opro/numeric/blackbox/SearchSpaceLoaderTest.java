package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.opro.numeric.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceLoaderTest {

    static final String YAML = """
            description: Tune the damping of a simulated spring.
            direction: minimize
            parameters:
              damping: {type: float, min: 0.0, max: 2.0}
              order: {type: int, min: 1, max: 5}
              grid: {type: float, min: 0, max: 1, step: 0.25}
              solver: {type: categorical, choices: [euler, rk4]}
              comment: {type: text, max_length: 80}
            """;

    @Test
    void readsEveryParameterKindInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("space.yaml"), YAML);
        SearchSpace space = SearchSpaceLoader.load(file);
        assertThat(space.direction()).isEqualTo(Direction.MINIMIZE);
        assertThat(space.description()).isEqualTo("Tune the damping of a simulated spring.");
        assertThat(space.parameters()).containsExactly(
                new Parameter.Numeric("damping", false, 0, 2, null),
                new Parameter.Numeric("order", true, 1, 5, null),
                new Parameter.Numeric("grid", false, 0, 1, 0.25),
                new Parameter.Categorical("solver", List.of("euler", "rk4")),
                new Parameter.Text("comment", 80));
        assertThat(space.isNumeric()).isFalse();
    }

    @Test
    void readsJson(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("space.json"), """
                {"description": "d", "direction": "maximize", "parameters": {"x": {"type": "int", "min": -3, "max": 3}}}""");
        SearchSpace space = SearchSpaceLoader.load(file);
        assertThat(space.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(space.isNumeric()).isTrue();
    }

    @Test
    void errorsAreOneLineNamingTheFileAndTheKey() {
        assertError(YAML.replace("max: 2.0}", "maxx: 2.0}"),
                "space.yaml: parameters.damping.maxx: unknown key (expected one of [max, min, step, type])");
        assertError(YAML.replace("max: 5}", "max: five}"), "space.yaml: parameters.order.max: expected a number");
        assertError(YAML.replace("direction: minimize", "direction: lower"),
                "space.yaml: direction: direction must be minimize or maximize, got 'lower'");
        assertError(YAML.replace("type: text", "type: string"),
                "space.yaml: parameters.comment.type: expected float, int, categorical or text, got 'string'");
        assertError(YAML.replace("choices: [euler, rk4]", "choices: []"), "space.yaml: parameters.solver.choices: expected a non-empty list");
        assertError(YAML.replace("min: 1, max: 5", "min: 5, max: 1"), "space.yaml: parameters.order: min must not exceed max");
        assertError(YAML.replace("description: Tune the damping of a simulated spring.\n", ""), "space.yaml: description: missing");
        assertError(YAML + "budget: 3\n", "space.yaml: budget: unknown key (expected one of [description, direction, parameters])");
        assertError("parameters: [", "space.yaml: not valid YAML at line 1: ");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> SearchSpaceLoader.parse(text, "space.yaml", false))
                .isInstanceOf(SearchSpaceException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(message).doesNotContain("\n"));
    }
}
