package io.llmopt.cli;

import io.llmopt.core.config.ConfigException;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.store.RunLeasedException;
import io.llmopt.opro.data.DatasetFormatException;
import io.llmopt.opro.numeric.blackbox.SearchSpaceException;
import io.llmopt.opro.grading.OfflineGradingException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line on stderr and a documented exit code:
 * users see what to fix, not a stack trace (which {@code --verbose} still shows).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult != null && hasVerbose(parseResult);
        cl.getErr().println(cl.getColorScheme().errorText("llmopt: " + oneLine(ex)));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        return exitCodeOf(ex);
    }

    private static boolean hasVerbose(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult cur = pr; cur != null; cur = cur.subcommand()) {
            if (cur.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "); the run is recorded failed: give Java more heap"
                    + " (JAVA_TOOL_OPTIONS=-Xmx4g) or make the run smaller";
        }
        if (t instanceof Error) {
            return "internal error: " + t + "; the run is recorded failed";
        }
        if (t instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return escapeControls(msg.replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Control characters a message may carry from a file (a corrupt page, a binary data set) shown
     * escaped ({@code \x01}), so no raw byte reaches the terminal.
     */
    static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0xFFFD) {
                out.append(cp <= 0xFF ? String.format("\\x%02X", cp) : String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static int exitCodeOf(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof io.llmopt.cli.common.RunNotStartedException) {
            return ExitCodes.FAILED;
        }
        if (t instanceof RunLeasedException) {
            return ExitCodes.USAGE; // nothing was started: the user stops the other process or waits
        }
        if (t instanceof LlmException e) {
            return switch (e.kind()) {
                case BUDGET_EXCEEDED -> ExitCodes.BUDGET_REACHED;
                case CANCELLED -> ExitCodes.INTERRUPTED;
                default -> ExitCodes.FAILED;
            };
        }
        if (t instanceof IllegalArgumentException || t instanceof CommandLine.ParameterException
                || t instanceof UncheckedIOException || t instanceof NoSuchFileException
                || t instanceof AccessDeniedException || t instanceof OfflineGradingException
                // bad configuration or input files: nothing was run, the user fixes a file
                || t instanceof ConfigException || t instanceof DatasetFormatException || t instanceof SearchSpaceException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }
}
