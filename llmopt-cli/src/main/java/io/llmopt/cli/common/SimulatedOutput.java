package io.llmopt.cli.common;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A dry run's standard output: every non-empty line starts with {@link #LABEL}, so no figure the
 * simulator made up (a win rate, an accuracy, a best value) can be read, pasted or piped as a result.
 */
public final class SimulatedOutput extends FilterWriter {

    public static final String LABEL = "[simulated] ";

    private boolean lineStart = true;

    private SimulatedOutput(Writer out) {
        super(out);
    }

    /** {@code out} with every line labelled. */
    public static PrintWriter wrap(PrintWriter out) {
        return new Labelled(out);
    }

    /**
     * The writer under the label, for what a dry run measures rather than makes up (the estimate of
     * calls, tokens and cost); {@code out} itself when it is not labelled.
     */
    public static PrintWriter unlabelled(PrintWriter out) {
        if (out instanceof Labelled labelled) {
            labelled.flush();
            return labelled.raw;
        }
        return out;
    }

    private static final class Labelled extends PrintWriter {
        private final PrintWriter raw;

        Labelled(PrintWriter raw) {
            super(new SimulatedOutput(raw), true);
            this.raw = raw;
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (lineStart && c != '\n' && c != '\r') {
            out.write(LABEL);
        }
        out.write(c);
        lineStart = c == '\n';
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(s.charAt(i));
        }
    }
}
