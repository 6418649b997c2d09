package io.llmopt.cli.opro;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmopt opro}: OPRO, large language models as optimizers, for prompts and for numeric problems. */
@Command(
        name = "opro",
        mixinStandardHelpOptions = true,
        description = {"OPRO: optimize prompts or numeric problems with an LLM as the optimizer."},
        subcommands = {OproPromptCommand.class, OproEvaluateCommand.class, LinregCommand.class, TspCommand.class,
            OptimizeCommand.class, CommandLine.HelpCommand.class})
public final class OproCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
