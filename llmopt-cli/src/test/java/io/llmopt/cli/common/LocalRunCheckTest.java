package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.accounting.Usage;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.local.EngineSpeed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check before a run on the embedded engine. The native engine cannot run in this sandbox (no
 * model file, no network), so the speed is a fake measurement: what is tested is the decision
 * (estimate from the dry run's tokens, advice, question, --yes, no terminal).
 */
class LocalRunCheckTest {

    private static final EngineSpeed SLOW = new EngineSpeed(100, 10);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void restore() {
        LocalRunGuard.speeds = LocalRunGuard.MEASURED;
        LocalRunGuard.terminal = LocalRunGuard.CONSOLE;
    }

    private LoadedConfig localConfig() {
        ConfigOptions options = new ConfigOptions();
        options.model = "local:qwen2.5-1.5b-instruct";
        options.runsDir = dir.resolve("runs");
        return options.load(Map.of());
    }

    private LocalRunCheck check(Optional<Boolean> answer) {
        return new LocalRunCheck(spec -> SLOW, q -> {
            asked.incrementAndGet();
            return answer;
        }, new PrintWriter(err, true));
    }

    private static final Function<String, Boolean> PROMPT_FLAGS = f -> List.of("--train-count", "--steps", "--no-test").contains(f);

    @Test
    void aShortRunIsEstimatedAndStartsWithoutAQuestion() {
        boolean go = check(Optional.of(false)).proceed(localConfig(),
                Map.of("scorer", new Usage(10, 0, 0, 60_000, 6_000, 0)), false, PROMPT_FLAGS);
        assertThat(go).isTrue();
        assertThat(asked).hasValue(0);
        assertThat(err.toString()).contains("about 20 min").doesNotContain("shorter");
    }

    @Test
    void aLongRunSaysHowToShrinkItAndAsks() {
        Map<String, Usage> usage = Map.of("scorer", new Usage(1000, 0, 0, 1_000_000, 20_000, 0),
                "optimizer", new Usage(10, 0, 0, 0, 10_000, 0));
        assertThat(check(Optional.of(false)).proceed(localConfig(), usage, false, PROMPT_FLAGS)).isFalse();
        assertThat(asked).hasValue(1);
        assertThat(err.toString()).contains("about 3 h 36 min", "--train-count", "--steps", "--no-test",
                "a served model", "--yes");
        assertThat(check(Optional.of(true)).proceed(localConfig(), usage, false, PROMPT_FLAGS)).isTrue();
        // --yes: no question; no terminal: printed and on it goes
        assertThat(check(Optional.of(false)).proceed(localConfig(), usage, true, PROMPT_FLAGS)).isTrue();
        assertThat(asked).hasValue(2);
        assertThat(check(Optional.empty()).proceed(localConfig(), usage, false, PROMPT_FLAGS)).isTrue();
        // advice names only the flags the command has
        StringWriter numeric = new StringWriter();
        new LocalRunCheck(spec -> SLOW, q -> Optional.empty(), new PrintWriter(numeric, true))
                .proceed(localConfig(), usage, false, f -> f.equals("--steps"));
        assertThat(numeric.toString()).contains("--steps").doesNotContain("--train-count", "--no-test");
    }

    @Test
    void servedModelsAreNotEstimated() {
        ConfigOptions options = new ConfigOptions();
        options.model = "openai:gpt-4o-mini";
        boolean go = check(Optional.of(false)).proceed(options.load(Map.of()),
                Map.of("scorer", new Usage(1000, 0, 0, 10_000_000, 1_000_000, 0)), false, PROMPT_FLAGS);
        assertThat(go).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theCommandIsEstimatedFromItsOwnDryRunAndNotStartedWhenTheAnswerIsNo() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        Path data = Files.write(dir.resolve("sums.jsonl"), lines);
        List<ModelSpec> measured = new ArrayList<>();
        LocalRunGuard.speeds = spec -> {
            measured.add(spec);
            return new EngineSpeed(1, 1); // one token a second: any real run is "long"
        };
        LocalRunGuard.terminal = q -> Optional.of(false);
        List<String> args = List.of("opro", "prompt", "--dataset", data.toString(), "--steps", "1", "--no-test",
                "--model", "local:qwen2.5-1.5b-instruct", "--runs-dir", dir.resolve("runs").toString(), "--cache", "off");

        CliRunner.Result dry = CliRunner.run(concat(args, "--dry-run", "-q"));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        Matcher m = Pattern.compile("about ([\\d,]+) prompt \\+ ([\\d,]+) completion tokens").matcher(dry.out());
        assertThat(m.find()).as(dry.out()).isTrue();

        CliRunner.Result refused = CliRunner.run(concat(args, "-q"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(measured).extracting(ModelSpec::model).contains("qwen2.5-1.5b-instruct");
        assertThat(refused.err()).contains("not started").contains("--train-count", "--steps");
        assertThat(dir.resolve("runs")).doesNotExist();
        // the estimate is the dry run's tokens at the measured speed
        assertThat(refused.err()).contains(m.group(1) + " prompt tokens at 1/s", m.group(2) + " generated at 1.0/s");
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
