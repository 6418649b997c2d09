package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.core.store.RunStore;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of what users type: random combinations of valid and invalid options and values
 * for several commands, and mutated search-space files for {@code opro optimize --space}. Each
 * invocation either runs, or exits 2 with one line on stderr (naming the file, for a space file),
 * no stack trace, and no run left in the store.
 */
@ExtendWith(SimulatedLlmExtension.class)
class ArgumentFuzzTest {

    private static final int ROUNDS = Integer.getInteger("llmopt.fuzz.rounds", 60);

    @TempDir
    Path dir;

    /** Values per option: the first is valid and cheap, the others are not (or are edge cases). */
    private static Map<String, List<String>> options(Path data, Path space, String model) {
        return Map.ofEntries(
                Map.entry("--steps", List.of("1", "0", "-1", "abc", "99999999999", "", "1.5")),
                Map.entry("--candidates-per-step", List.of("2", "0", "-3", "two", "1e3")),
                Map.entry("--train-count", List.of("3", "0", "-2", "1000000", "x")),
                Map.entry("--evaluate-every", List.of("0", "-1", "often")),
                Map.entry("--position", List.of("Q_begin", "q_middle", "", "before_Q")),
                Map.entry("--style", List.of("opro", "fancy")),
                Map.entry("--top-k", List.of("1", "0", "-5")),
                Map.entry("--seed", List.of("1", "-1", "seed", "18446744073709551616")),
                Map.entry("--dataset", List.of(data.toString(), data.resolveSibling("missing.jsonl").toString(),
                        data.getParent().toString(), "no-such-benchmark", "")),
                Map.entry("--train-fraction", List.of("0.5", "1.5", "-0.1", "NaN", "half")),
                Map.entry("--model", List.of(model, "nope", "openai-compatible:ftp://x#m", "", "sim:")),
                Map.entry("--cache", List.of("off", "sometimes", "")),
                Map.entry("--max-cost", List.of("5", "0", "-1", "free", "NaN", "Infinity")),
                Map.entry("--max-tokens-total", List.of("100000", "0", "-1", "many")),
                Map.entry("--set", List.of("cache.mode=off", "=", "nokey", "models.x.spec=", "cache.mode=maybe",
                        "budget.max_cost=-1", "roles.scorer=ghost", "models.m.max_outage_seconds=-5")),
                Map.entry("--resume", List.of("20990101-000000-0000", "../../etc/passwd", "")),
                Map.entry("--test-set", List.of(data.toString(), "nope.jsonl")),
                Map.entry("--judge-method", List.of("two-order", "coin")),
                Map.entry("--fail-under", List.of("0", "1.5", "-1", "x")),
                Map.entry("--space", List.of(space.toString(), "missing.yaml")),
                Map.entry("--objective", List.of("echo 1", "", "'unclosed")),
                Map.entry("--max-steps", List.of("1", "0", "-1", "x")),
                Map.entry("--baselines", List.of("none", "random,simulated-annealing", "bogus")),
                Map.entry("--points", List.of("5", "1", "-1", "x", "100000")),
                Map.entry("--reps", List.of("1", "0", "x")),
                Map.entry("--frobnicate", List.of("1")));
    }

    /**
     * A valid, cheap command line per command, and the options fuzzed on it besides the common ones.
     * A fuzzed option replaces the value the base gives it (picocli refuses an option given twice).
     */
    private record Command(List<String> base, List<String> options) {
    }

    private static List<Command> commands(Path data, Path space) {
        return List.of(
                new Command(List.of("opro", "prompt", "--dataset", data.toString(), "--steps", "1", "--candidates-per-step", "2",
                        "--train-count", "3", "--evaluate-every", "0"),
                        List.of("--steps", "--candidates-per-step", "--train-count", "--evaluate-every", "--position", "--style",
                                "--top-k", "--dataset", "--train-fraction", "--resume")),
                new Command(List.of("opro", "evaluate", "--dataset", data.toString(), "--instruction", "Add."),
                        List.of("--dataset", "--position", "--fail-under", "--train-fraction")),
                new Command(List.of("bpo", "eval", "--test-set", data.toString()),
                        List.of("--test-set", "--judge-method", "--fail-under", "--seed")),
                new Command(List.of("opro", "optimize", "--space", space.toString(), "--objective", "echo 1", "--max-steps", "1",
                        "--baselines", "none"),
                        List.of("--space", "--objective", "--max-steps", "--baselines", "--seed", "--candidates-per-step", "--resume")),
                new Command(List.of("opro", "tsp", "--points", "5", "--reps", "1", "--steps", "1"),
                        List.of("--points", "--reps", "--steps", "--seed", "--candidates-per-step")),
                new Command(List.of("opro", "linreg", "--reps", "1", "--steps", "1"),
                        List.of("--reps", "--steps", "--seed", "--candidates-per-step")));
    }

    private static final List<String> COMMON = List.of("--model", "--cache", "--max-cost", "--max-tokens-total", "--set", "--frobnicate");

    @Test
    void randomOptionCombinationsRunOrAreOneLineUsageErrors(SimulatedLlmServer sim) throws Exception {
        sim.reply("<INS>Add.</INS> The answer is 2. [[A]] {\"x\": 1, \"rate\": 0.5, \"solver\": \"euler\", \"note\": \"a\"}");
        Random random = new Random(77);
        int tried = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path folder = Files.createDirectories(dir.resolve("a" + round));
            Path data = Files.writeString(folder.resolve("data.jsonl"), """
                    {"question": "What is 1 plus 1?", "answer": "2", "prompt": "Say hi."}
                    {"question": "What is 2 plus 2?", "answer": "4", "prompt": "Say bye."}
                    {"question": "What is 3 plus 3?", "answer": "6", "prompt": "Say so."}
                    {"question": "What is 4 plus 4?", "answer": "8", "prompt": "Say it."}
                    """);
            Path space = Files.writeString(folder.resolve("space.yaml"), SPACE);
            String model = SimModels.spec(sim);
            Map<String, List<String>> values = options(data, space, model);
            List<Command> commands = commands(data, space);
            Command command = commands.get(random.nextInt(commands.size()));
            List<String> args = new ArrayList<>(command.base());
            args.addAll(List.of("--model", model));
            List<String> fuzzable = new ArrayList<>(command.options());
            fuzzable.addAll(COMMON);
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String name = fuzzable.get(random.nextInt(fuzzable.size()));
                List<String> choices = values.get(name);
                // half valid, so that a line often carries one problem only, and valid lines run
                String value = random.nextBoolean() ? choices.get(0) : choices.get(random.nextInt(choices.size()));
                int at = args.indexOf(name);
                if (at >= 0 && !name.equals("--set")) {
                    args.set(at + 1, value);
                } else {
                    args.add(name);
                    args.add(value);
                }
            }
            args.addAll(Worlds.storage(folder, "off"));
            CliRunner.Result o = CliRunner.run(args);
            tried++;
            String what = "round " + round + " " + args + ": exit " + o.exitCode() + ", stderr: " + o.err();
            assertThat(o.exitCode()).as(what).isIn(ExitCodes.OK, ExitCodes.USAGE);
            assertThat(o.err() + o.out()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (o.exitCode() == ExitCodes.USAGE) {
                refused++;
                assertThat(o.err().strip().lines()).as(what).hasSize(1);
                assertNoRun(folder, what);
            }
        }
        System.out.printf("argument fuzz: %d random command lines tried, %d refused with one line and exit 2, %d valid and run%n",
                tried, refused, tried - refused);
    }

    private static final String SPACE = """
            description: Find the lowest error.
            direction: minimize
            parameters:
              x: {type: int, min: -10, max: 10}
              rate: {type: float, min: 0.0, max: 1.0, step: 0.25}
              solver: {type: categorical, choices: [euler, rk4]}
              note: {type: text, max_length: 20}
            """;
    private static final String SPACE_JSON = """
            {"description": "Find the lowest error.", "direction": "maximize",
             "parameters": {"x": {"type": "int", "min": -10, "max": 10},
                            "solver": {"type": "categorical", "choices": ["euler", "rk4"]}}}
            """;

    private static final List<BiFunction<String, Random, String>> SPACE_MUTATIONS = List.of(
            (s, r) -> "",
            (s, r) -> "\uFEFF" + s,
            (s, r) -> s.substring(0, r.nextInt(Math.max(1, s.length()))),
            (s, r) -> s.replaceFirst("minimize|maximize", "sideways"),
            (s, r) -> s.replaceFirst("int", "integer"),
            (s, r) -> s.replaceFirst("-10", "ten"),
            (s, r) -> s.replaceFirst("max: 10|\"max\": 10", "max: -20"),
            (s, r) -> s.replaceFirst("\"max\": 10", "\"max\": -20"),
            (s, r) -> s.replaceFirst("0.25", "0"),
            (s, r) -> s.replaceFirst("0.25", "-1"),
            (s, r) -> s.replaceFirst("rk4", "euler"),
            (s, r) -> s.replaceFirst("\\[euler, rk4\\]|\\[\"euler\", \"rk4\"\\]", "[]"),
            (s, r) -> s.replaceFirst("choices", "choice"),
            (s, r) -> s.replaceFirst("max_length: 20", "max_length: -1"),
            (s, r) -> s.replaceFirst("parameters", "params"),
            (s, r) -> s.replaceFirst("description", "descr"),
            (s, r) -> s.replaceFirst("type", "kind"),
            (s, r) -> s.replaceFirst("min: -10|\"min\": -10", "min: .nan"),
            (s, r) -> s.replaceFirst("\"min\": -10", "\"min\": 1e999"),
            (s, r) -> s.replaceFirst("min: -10", "min: [1, 2]"),
            (s, r) -> s.replaceFirst("\\{type: int", "[type: int"),
            (s, r) -> s.replaceFirst(":", ""),
            (s, r) -> s.replaceFirst("\"", ""),
            (s, r) -> s + "\nparameters: {}\n",
            (s, r) -> s.replace("x:", "'':").replace("\"x\"", "\"\""),
            (s, r) -> insert(s, r, "\u0000\u001b[31m"),
            (s, r) -> insert(s, r, "\t"),
            (s, r) -> insert(s, r, "x".repeat(200_000)),
            (s, r) -> insert(s, r, "&anchor *anchor !!binary "),
            (s, r) -> insert(s, r, String.valueOf((char) r.nextInt(128))));

    @Test
    void mutatedSearchSpacesRunOrAreOneLineUsageErrorsNamingTheFile(SimulatedLlmServer sim) throws Exception {
        sim.reply("{\"x\": 1, \"rate\": 0.5, \"solver\": \"euler\", \"note\": \"a\"}");
        Random random = new Random(99);
        int tried = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean json = round % 3 == 2;
            String text = json ? SPACE_JSON : SPACE;
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                text = SPACE_MUTATIONS.get(random.nextInt(SPACE_MUTATIONS.size())).apply(text, random);
            }
            Path folder = Files.createDirectories(dir.resolve("s" + round));
            Path file = Files.write(folder.resolve("space-" + round + (json ? ".json" : ".yaml")), text.getBytes(StandardCharsets.UTF_8));
            List<String> args = new ArrayList<>(List.of("opro", "optimize", "--space", file.toString(), "--objective", "echo 1",
                    "--max-steps", "1", "--baselines", "none", "--model", SimModels.spec(sim)));
            args.addAll(Worlds.storage(folder, "off"));
            CliRunner.Result o = CliRunner.run(args);
            tried++;
            String what = "round " + round + " (" + file.getFileName() + "): exit " + o.exitCode() + ", stderr: " + o.err();
            assertThat(o.exitCode()).as(what).isIn(ExitCodes.OK, ExitCodes.USAGE);
            assertThat(o.err() + o.out()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (o.exitCode() == ExitCodes.USAGE) {
                refused++;
                assertThat(o.err().strip().lines()).as(what).hasSize(1);
                assertThat(o.err()).as(what).contains(file.getFileName().toString());
                assertNoRun(folder, what);
            }
        }
        System.out.printf("space fuzz: %d mutated search spaces tried (YAML and JSON), %d refused with one line naming the file"
                + " and exit 2, %d still valid and run%n", tried, refused, tried - refused);
    }

    private static void assertNoRun(Path folder, String what) {
        if (Files.exists(folder.resolve("runs.db"))) {
            try (RunStore store = RunStore.open(folder.resolve("runs.db"))) {
                assertThat(store.runs()).as(what + ": no half-written run").isEmpty();
            }
        }
    }

    private static String insert(String s, Random r, String what) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length());
        return s.substring(0, at) + what + s.substring(at);
    }
}
