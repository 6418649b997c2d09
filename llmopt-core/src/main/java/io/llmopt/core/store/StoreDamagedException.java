package io.llmopt.core.store;

import java.nio.file.Path;
import java.util.List;

/** A store file that failed its check: nothing is written to it; {@code llmopt runs check} salvages its runs. */
public final class StoreDamagedException extends StoreException {

    private final Path file;

    public StoreDamagedException(Path file, List<String> problems) {
        super("run store " + file + " is damaged (" + StoreErrors.printable(first(problems))
                + (problems.size() > 1 ? " and " + (problems.size() - 1) + " more" : "")
                + "); nothing was changed; run 'llmopt runs check' to check it and copy its readable runs to a new store");
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String first(List<String> problems) {
        String p = problems.isEmpty() ? "no answer from the check" : problems.getFirst();
        int nl = p.indexOf('\n');
        return nl < 0 ? p : p.substring(0, nl);
    }
}
