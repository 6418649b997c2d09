package io.llmopt.bpo.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading one file gave: how many records were read and how many skipped, with the reasons.
 *
 * @param file     the file read
 * @param read     records turned into values
 * @param skipped  records skipped (each has a problem)
 * @param problems every problem, in file order; may include one for a file that broke off
 *                 (invalid JSON in an array cannot be resynchronised), which skips nothing countable
 */
public record ReadReport(Path file, int read, int skipped, List<ReadProblem> problems) {

    public ReadReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** One line for a log: "data.json: 198 read, 2 skipped". */
    public String summary() {
        return file.getFileName() + ": " + read + " read, " + skipped + " skipped"
                + (problems.size() > skipped ? " (file ended early: " + problems.getLast().message() + ")" : "");
    }
}
