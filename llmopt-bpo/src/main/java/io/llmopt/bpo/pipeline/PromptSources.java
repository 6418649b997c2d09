package io.llmopt.bpo.pipeline;

import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.data.PromptFields;
import io.llmopt.bpo.data.ReadResult;
import io.llmopt.bpo.data.TestSets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where prompts to rewrite come from: one prompt, text lines (a file or stdin), or a JSON/JSONL field. */
public final class PromptSources {

    private PromptSources() {
    }

    /** A single prompt, id "0". */
    public static List<EvalPrompt> single(String prompt) {
        return List.of(new EvalPrompt("0", prompt, null));
    }

    /** One prompt per non-blank line; ids are 1-based line numbers, so a re-run with the same file resumes. */
    public static List<EvalPrompt> lines(Reader reader) {
        List<EvalPrompt> prompts = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    prompts.add(new EvalPrompt(Integer.toString(number), line.strip(), null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompts: " + e.getMessage(), e);
        }
        return prompts;
    }

    /** The {@code field} of each record of a JSON array or JSONL file; ids from {@code idField} or the record index. */
    public static ReadResult<EvalPrompt> jsonField(Path file, String field, String idField) {
        return TestSets.prompts(file, new PromptFields(field, null, idField, null));
    }
}
