package io.llmopt.cli.common;

import io.llmopt.local.ModelDownloadProgress;
import java.io.PrintStream;
import java.util.Locale;

/** Shows a model download on stderr: a line at each tenth, so logs stay short. */
final class DownloadLine implements ModelDownloadProgress {

    private final PrintStream err;
    private int lastTenth = -1;

    DownloadLine(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String fileName, long done, long total) {
        int tenth = total > 0 ? (int) (10 * done / total) : -1;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            err.printf(Locale.ROOT, "downloading %s: %,d of %,d MB%n", fileName, done >> 20, total >> 20);
        }
    }
}
