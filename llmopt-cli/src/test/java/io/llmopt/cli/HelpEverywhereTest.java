package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, the model server's included, answers --help with its usage and an example, and exit 0. */
class HelpEverywhereTest {

    @Test
    void everyCommandHasHelpAndExamples() {
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20).anySatisfy(p -> assertThat(p).containsExactly("model", "serve"));
        List<String> missing = new ArrayList<>();
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            if (r.exitCode() != 0 || !r.out().contains("Usage: llmopt") || !r.out().contains("Example")) {
                missing.add(("llmopt " + String.join(" ", path)).strip() + " (exit " + r.exitCode() + ")");
            }
        }
        assertThat(missing).as("commands without --help or an example").isEmpty();
    }

    @Test
    void modelServeHelpListsTheServersOptions() {
        CliRunner.Result r = CliRunner.run("model", "serve", "--help");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("--model=", "--port=", "--parallel=", "--context=", "Example");
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help") || !e.getValue().getCommandName().equals(e.getKey())) {
                continue; // picocli's own help command, and aliases
            }
            List<String> child = new ArrayList<>(path);
            child.add(e.getKey());
            out.add(child);
            collect(e.getValue(), child, out);
        }
    }
}
