package io.llmopt.cli.runs;

import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.PrintWriter;

/**
 * Resumes runs of one kind ({@code "opro-prompt"}, {@code "bpo-eval"}, ...) from what the store
 * holds. Implementations are found with {@link java.util.ServiceLoader}: list them in
 * {@code META-INF/services/io.llmopt.cli.runs.RunResumer}, or register them with
 * {@link RunResumers#register} (tests, embedding).
 */
public interface RunResumer {

    /** The run kind this resumer continues. */
    String kind();

    /**
     * Continues {@code run} where it stopped, writing into {@code store}.
     *
     * @param out where to print results for the user
     * @param err where to print progress, warnings and errors
     * @return the command's exit code ({@link io.llmopt.cli.ExitCodes})
     */
    int resume(RunStore store, RunRecord run, PrintWriter out, PrintWriter err) throws Exception;
}
