package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: a description and, for running commands, examples. */
class HelpTest {

    private static void collect(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyHelpRendersWithoutFormatWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) {
                String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertThat(usage).as(cl.getCommandSpec().qualifiedName()).contains("Usage: ");
                assertThat(cl.getCommandSpec().usageMessage().description())
                        .as("description of " + cl.getCommandSpec().qualifiedName()).isNotEmpty();
            }
        } finally {
            System.setErr(realErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("picocli warnings").doesNotContain("WARN");
        assertThat(all).hasSizeGreaterThan(20);
    }
}
