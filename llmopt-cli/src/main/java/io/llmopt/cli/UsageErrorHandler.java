package io.llmopt.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * A mistyped option or value: one line on stderr naming the problem, a suggestion when picocli
 * has one, and where the full help is, then exit code 2. The whole usage text (dozens of lines)
 * would bury the one line that says what is wrong.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        StringBuilder line = new StringBuilder("llmopt: ").append(ErrorHandler.oneLine(ex));
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))).append('?');
            }
        }
        line.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        cl.getErr().println(cl.getColorScheme().errorText(line.toString()));
        return ExitCodes.USAGE;
    }
}
