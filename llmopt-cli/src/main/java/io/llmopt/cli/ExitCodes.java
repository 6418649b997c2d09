package io.llmopt.cli;

/** The documented exit codes of every llmopt command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The run failed (or a CI gate's bar was not met). */
    public static final int FAILED = 1;
    /** Bad arguments or configuration: nothing was run. */
    public static final int USAGE = 2;
    /** The budget was reached; everything done so far is saved and the run can be resumed. */
    public static final int BUDGET_REACHED = 3;
    /** Interrupted (Ctrl-C); the run can be resumed. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
