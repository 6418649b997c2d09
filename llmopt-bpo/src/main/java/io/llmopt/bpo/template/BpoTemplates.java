package io.llmopt.bpo.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The BPO reference prompt texts, shipped as resource files under
 * {@code io/llmopt/bpo/templates/} (Apache-2.0, see NOTICE) and kept byte-identical to the
 * reference so results stay comparable with the paper.
 */
public final class BpoTemplates {

    /** Builds an optimized prompt from a record without context: {instruction}, {bad_res}, {good_res}. */
    public static final Template PAIR_NO_CONTEXT = load("pair_no_context");
    /** The same with context: {instruction}, {context}, {bad_res}, {good_res}. */
    public static final Template PAIR_WITH_CONTEXT = load("pair_with_context");
    /** The released rewriter model's input: {prompt}. */
    public static final Template REWRITER = load("rewriter");
    /** The pairwise judge's system message ("pair-v2"); no placeholders. */
    public static final Template JUDGE_SYSTEM = load("judge_pair_v2_system");
    /** The pairwise judge's user message: {question}, {answer_a}, {answer_b}. */
    public static final Template JUDGE_USER = load("judge_pair_v2_user");
    /**
     * The reference's ranking judge ({@code src/evaluation/ranking_prompt.txt}, sent to Claude as one
     * prompt): {instruction}, {output_1}, {output_2}; the two models are ranked, no ties.
     */
    public static final Template JUDGE_RANKING = load("judge_ranking");

    private BpoTemplates() {
    }

    /** Loads {@code io/llmopt/bpo/templates/<name>.txt} as UTF-8, byte for byte. */
    public static Template load(String name) {
        String resource = "/io/llmopt/bpo/templates/" + name + ".txt";
        try (InputStream in = BpoTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template resource " + resource + " is missing from the jar");
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
    }
}
