package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.store.RunStore;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usage error is found before a run is created: each of these exits 2 with one line, sends no
 * request and leaves the store's runs and the runs folder as they were (no ghost run left
 * {@code running} with a folder), and so do counts above their documented bounds.
 */
@ExtendWith(SimulatedLlmExtension.class)
class UsageErrorsCreateNothingTest {

    @TempDir
    Path dir;

    @Test
    void usageErrorsAndUnboundedCountsCreateNoRun(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        common = Worlds.common(sim, dir, "off");
        Path sums = Worlds.sums(dir);
        Path one = Files.writeString(dir.resolve("one.jsonl"), "{\"question\": \"What is 1 plus 1?\", \"answer\": \"2\"}\n");
        Path prompts = Worlds.prompts(dir);
        // a completed run in the store, so "unchanged" is checked against something
        assertThat(run(List.of("opro", "prompt", "--dataset", sums.toString(), "--train-count", "5", "--steps", "1",
                "--candidates-per-step", "2", "--evaluate-every", "0", "--top-k", "1")).exitCode()).isZero();

        List<List<String>> cases = List.of(
                List.of("opro", "prompt", "--dataset", one.toString(), "--steps", "1"),
                List.of("opro", "prompt", "--dataset", sums.toString(), "--train-count", "0", "--steps", "1"),
                List.of("opro", "prompt", "--dataset", sums.toString(), "--train-fraction", "0.01", "--steps", "1"),
                List.of("bpo", "rewrite", "Tell me about dogs", "--method", "in-context"),
                List.of("bpo", "rewrite", "Tell me about dogs", "--method", "in-context", "--pairs", "no-such-run"),
                List.of("bpo", "rewrite", "Tell me about dogs", "--method", "frobnicate"),
                List.of("bpo", "eval", "--test-set", prompts.toString(), "--method", "in-context"),
                List.of("bpo", "eval", "--test-set", prompts.toString(), "--method", "zero-shot", "--pairs", "x"),
                List.of("bpo", "rewrite", "Tell me about dogs", "--rounds", "100000"),
                List.of("bpo", "rewrite", "Tell me about dogs", "--rounds", "1000000000"),
                List.of("opro", "prompt", "--dataset", sums.toString(), "--steps", "1000000000"),
                List.of("opro", "prompt", "--dataset", sums.toString(), "--candidates-per-step", "65"),
                List.of("opro", "prompt", "--dataset", sums.toString(), "--initial-instruction", "x".repeat(64 * 1024 + 1)));

        SoftAssertions soft = new SoftAssertions();
        List<String> runsBefore = runIds();
        List<Path> folderBefore = folder();
        int requestsBefore = sim.requestCount();
        List<String> refusals = new ArrayList<>();
        for (List<String> args : cases) {
            CliRunner.Result r = run(args);
            String shown = String.join(" ", args.stream().map(a -> a.length() > 40 ? a.substring(0, 10) + "...(" + a.length() + ")" : a).toList());
            List<String> runsAfter = runIds();
            List<Path> folderAfter = folder();
            soft.assertThat(r.exitCode()).as(shown + "\n" + r.err()).isEqualTo(2);
            soft.assertThat(r.err().strip().lines()).as(shown).hasSize(1);
            soft.assertThat(r.err()).as(shown).doesNotContain("Exception").doesNotContain("\tat ");
            soft.assertThat(runsAfter).as(shown + ": no run created").isEqualTo(runsBefore);
            soft.assertThat(folderAfter).as(shown + ": no run folder").isEqualTo(folderBefore);
            List<String> previous = runsBefore;
            refusals.add("  " + shown + " -> exit " + r.exitCode() + ", " + r.err().strip().lines().count() + " line(s), "
                    + (runsAfter.size() - runsBefore.size()) + " run(s) created " + runsAfter.stream().filter(x -> !previous.contains(x)).toList()
                    + ": " + r.err().strip().lines().findFirst().orElse(""));
            runsBefore = runsAfter;
            folderBefore = folderAfter;
        }
        refusals.forEach(System.out::println);
        soft.assertAll();
        assertThat(sim.requestCount()).as("nothing was sent").isEqualTo(requestsBefore);
        System.out.println("usage errors: " + cases.size() + " command lines refused with one line and exit 2, no run,"
                + " no folder, no request");
    }

    /** Every command with one simulated model for all roles, and the store and runs folder in the test's folder. */
    private List<String> common = List.of();

    private CliRunner.Result run(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(common);
        return CliRunner.run(args.toArray(String[]::new));
    }

    private List<String> runIds() {
        Path store = dir.resolve("runs.db");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (RunStore s = RunStore.open(store)) {
            return s.runs().stream().map(r -> r.id() + ":" + r.status().wireName()).sorted().toList();
        }
    }

    private List<Path> folder() throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.exists(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.sorted().toList();
        }
    }
}
