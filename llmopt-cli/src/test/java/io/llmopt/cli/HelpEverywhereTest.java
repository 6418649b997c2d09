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

    /**
     * Before: examples wrapped mid-word at column 80 ("pairs.\njsonl", a URL cut in two), and command
     * lists cut summaries wherever a source line ended ("...for each record an LLM (the rewriter role)").
     */
    @Test
    void examplesStayPastableAndCommandSummariesAreWholeSentences() {
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        collect(Main.commandLine(), new ArrayList<>(), paths);
        List<String> problems = new ArrayList<>();
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String name = ("llmopt " + String.join(" ", path)).strip();
            String[] lines = CliRunner.run(args.toArray(String[]::new)).out().split("\\R");
            String section = "";
            String summary = null;
            for (String line : lines) {
                if (line.length() > 80 && line.strip().contains(" ")) {
                    problems.add(name + ": line longer than 80 columns: " + line);
                }
                if (line.isBlank()) {
                    section = "";
                } else if (!line.startsWith(" ")) {
                    section = line.startsWith("Example") ? "examples" : line.equals("Commands:") ? "commands" : "";
                    continue;
                }
                if (section.equals("examples") && !line.isBlank() && !line.startsWith("  ")) {
                    problems.add(name + ": example wrapped mid-line: " + line);
                }
                if (section.equals("commands")) {
                    if (line.startsWith("  ") && !line.startsWith("    ")) {
                        checkSummary(name, summary, problems);
                        summary = line.strip().replaceFirst("^\\S+\\s+", "");
                    } else {
                        summary += " " + line.strip();
                    }
                }
            }
            checkSummary(name, summary, problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void checkSummary(String command, String summary, List<String> problems) {
        if (summary != null && !summary.endsWith(".")) {
            problems.add(command + ": command summary cut mid-sentence: " + summary);
        }
    }

    @Test
    void aLongExampleContinuesAfterABackslashWithoutSplittingAQuotedArgumentOrAUrl() {
        String url = "openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen2.5-7B-Instruct";
        List<String> lines = HelpLayout.wrap("  llmopt opro evaluate --dataset gsm8k --instruction \"Think step by step.\" --model "
                + url + " --fail-under 0.75", 80);
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).endsWith(" \\"));
        assertThat(String.join("\n", lines)).contains("\"Think step by step.\"").contains(url);
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
