package io.llmopt.opro.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMLU: one {@code <subject>_test.csv} per subject (no header: question, A, B, C, D, answer letter).
 * The question shown is the reference's format: question, {@code \n(A) ...} per option,
 * {@code \nWhat's the answer in (A) (B) (C) (D)?}.
 *
 * <p>Cells are kept as text. The reference reads them with pandas, which turns numeric-looking
 * option columns into numbers ({@code 0.50} shows as {@code 0.5}) and {@code None}/{@code NA}
 * into {@code nan}; those few questions differ from the reference's text.
 */
public final class MmluLoader {
    /** Data-set name used in example ids. */
    public static final String NAME = "mmlu";

    private static final List<String> LETTERS = List.of("A", "B", "C", "D");

    private MmluLoader() {
    }

    /** One subject, e.g. {@code abstract_algebra}, from the folder holding {@code <subject>_test.csv}. */
    public static Dataset loadSubject(Path folder, String subject) {
        MmluCategory.of(subject);
        Path file = folder.resolve(subject + "_test.csv");
        if (!Files.exists(file)) {
            file = folder.resolve(subject + ".csv");
        }
        return loadFile(file, subject);
    }

    /**
     * A category's subjects concatenated alphabetically. (The reference concatenates them in
     * {@code os.listdir} order, which depends on the file system, so its MMLU split cannot be
     * reproduced exactly elsewhere; alphabetical order makes ours the same on every machine.)
     */
    public static Dataset loadCategory(Path folder, MmluCategory category) {
        List<Dataset> parts = new ArrayList<>();
        for (String subject : category.subjects()) {
            parts.add(loadSubject(folder, subject));
        }
        return Dataset.concat(NAME, category.paperName(), parts);
    }

    /** One subject's CSV file. */
    public static Dataset loadFile(Path file, String subject) {
        List<Example> examples = new ArrayList<>();
        for (CsvRecords.CsvRecord record : CsvRecords.read(file)) {
            List<String> cells = record.fields();
            if (cells.size() != 6) {
                throw DatasetFormatException.at(file, record.line(), "expected 6 columns (question, A, B, C, D, answer), found "
                        + cells.size());
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                options.put(LETTERS.get(i), cells.get(i + 1));
            }
            String answer = cells.get(5).strip();
            if (!options.containsKey(answer)) {
                throw DatasetFormatException.at(file, record.line(), "answer '" + answer + "' is not one of A, B, C, D");
            }
            int index = examples.size();
            examples.add(new Example(Example.idOf(NAME, subject, index), subject,
                    MultipleChoice.render(cells.get(0), options), answer, options, index));
        }
        return new Dataset(NAME, subject, examples);
    }
}
