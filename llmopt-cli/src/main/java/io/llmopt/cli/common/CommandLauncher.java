package io.llmopt.cli.common;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs an llmopt command line afresh (a new picocli command tree with llmopt's error handling),
 * for a command that hands over to another: {@code runs resume} re-runs the command that started a
 * run. The root command implements it, so commands reach it through their spec's root instead of a
 * static call back into {@code Main}.
 */
@FunctionalInterface
public interface CommandLauncher {

    /** Runs {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    int launch(List<String> args, PrintWriter out, PrintWriter err);
}
