package io.llmopt.cli.bpo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmopt bpo}: Black-Box Prompt Optimization, from preference data to judged win rates. */
@Command(
        name = "bpo",
        mixinStandardHelpOptions = true,
        description = {
            "Black-Box Prompt Optimization: build (prompt, optimized prompt) pairs from preference data,",
            "rewrite prompts, and measure with a pairwise judge whether rewritten prompts get better responses.",
            "Every command stores its work in the run store: re-run with --resume RUN_ID to continue after a stop."
        },
        subcommands = {BuildPairsCommand.class, TrainCommand.class, RewriteCommand.class, EvalCommand.class, RewriteDatasetCommand.class},
        footer = {"", "Typical flow:",
            "  llmopt bpo build-pairs prefs.jsonl --model openai:gpt-4o-mini --export pairs.jsonl",
            "  llmopt bpo rewrite \"Tell me about dogs\" --method in-context --pairs RUN_ID --model openai:gpt-4o-mini",
            "  llmopt bpo eval --test-set vicuna --method in-context --pairs RUN_ID --model openai:gpt-4o-mini --fail-under 0.4"})
public final class BpoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
