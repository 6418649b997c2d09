package io.llmopt.cli.opro;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmopt opro}: OPRO, large language models as optimizers, for prompts and for numeric problems. */
@Command(
        name = "opro",
        mixinStandardHelpOptions = true,
        description = {"OPRO: optimize prompts or numeric problems with an LLM as the optimizer."},
        subcommands = {OproPromptCommand.class, OproSweepCommand.class, OproEvaluateCommand.class, OproTransferCommand.class, LinregCommand.class, TspCommand.class,
            OptimizeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  llmopt opro prompt --dataset gsm8k --model openai:gpt-4o-mini --steps 3 --dry-run", "  llmopt opro evaluate --dataset gsm8k --instruction \"\" --instruction \"Think step by step.\" --model openai:gpt-4o-mini", "  llmopt opro linreg --w 15 --b 14 --model openai:gpt-4o-mini"})
public final class OproCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
