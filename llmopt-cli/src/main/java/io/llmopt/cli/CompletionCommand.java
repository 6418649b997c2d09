package io.llmopt.cli;

import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the bash/zsh completion script. picocli's own command registers the script for
 * {@code llmopt} only; the README runs {@code ./llmopt} from the checkout, which bash completes
 * by the word as typed, so the script registers both.
 */
@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = "Prints a bash/zsh completion script for llmopt, for both 'llmopt' and './llmopt'.",
        footer = {"", "Examples:",
            "  source <(./llmopt generate-completion)      # completion in this bash or zsh shell",
            "  llmopt generate-completion > /etc/bash_completion.d/llmopt"})
final class CompletionCommand implements Callable<Integer> {

    /** The names the script completes, as a user types them. */
    static final String[] NAMES = {"llmopt", "./llmopt"};

    private static final Pattern REGISTRATION = Pattern.compile("(?m)^(complete -F _complete_llmopt [^\\n]*)$");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("llmopt", spec.root().commandLine());
        spec.commandLine().getOut().print(registerAll(script));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** {@code script} with its {@code complete} line naming every one of {@link #NAMES}. */
    static String registerAll(String script) {
        Matcher m = REGISTRATION.matcher(script);
        if (!m.find()) {
            throw new IllegalStateException("the completion script has no 'complete' line to extend");
        }
        StringBuilder line = new StringBuilder(m.group(1));
        for (String name : NAMES) {
            if (!(" " + m.group(1) + " ").contains(" " + name + " ")) {
                line.append(' ').append(name);
            }
        }
        return script.substring(0, m.start()) + line + script.substring(m.end());
    }
}
