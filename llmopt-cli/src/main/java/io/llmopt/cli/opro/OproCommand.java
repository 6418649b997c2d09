package io.llmopt.cli.opro;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmopt opro}: OPRO runs. The numeric problems live here; the prompt loop adds its own subcommands. */
@Command(
        name = "opro",
        mixinStandardHelpOptions = true,
        description = {"OPRO: large language models as optimizers, for prompts and for numeric problems."},
        subcommands = {LinregCommand.class, TspCommand.class, OptimizeCommand.class})
public final class OproCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
