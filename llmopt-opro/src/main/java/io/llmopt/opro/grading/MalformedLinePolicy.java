package io.llmopt.opro.grading;

/** What {@link OfflineGrader} does with a line it cannot grade. */
public enum MalformedLinePolicy {
    /** Skip the line, record a one-line error, go on. */
    SKIP_AND_REPORT,
    /** Stop with an {@link OfflineGradingException} naming the file and line. */
    FAIL
}
