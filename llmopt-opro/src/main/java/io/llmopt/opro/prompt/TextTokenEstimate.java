package io.llmopt.opro.prompt;

/**
 * A tokenizer-free token count for the cost-aware score: one token per four characters, the usual
 * rule of thumb for English with BPE tokenizers. It is computed from text alone, so a resumed run
 * computes exactly the penalties the original run did, whichever model scored it.
 */
public final class TextTokenEstimate {

    private TextTokenEstimate() {
    }

    /** Estimated tokens of {@code text}: ceil(code points / 4); 0 for the empty text. */
    public static long of(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long codePoints = text.codePoints().count();
        return (codePoints + 3) / 4;
    }
}
