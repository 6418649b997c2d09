package io.llmopt.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated server's tokenizer: a deterministic stand-in so tests can predict token counts.
 *
 * <p>A token is a maximal run of letters, digits and underscores, or any other single
 * non-whitespace character. So {@code "Hello, world!"} is 4 tokens ({@code Hello , world !}),
 * {@code "x = 3.5"} is 5 ({@code x = 3 . 5}) and whitespace is never a token.
 *
 * <p>The server's {@code prompt_tokens} is the sum of the token counts of all message contents;
 * {@code completion_tokens} is the sum over the returned choices of the counts of their texts.
 */
public final class SimTokens {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|[^\\p{L}\\p{N}_\\s]");

    private SimTokens() {
    }

    /** Number of tokens in {@code text}. */
    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher m = TOKEN.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** The tokens of {@code text}, in order. */
    public static java.util.List<String> tokens(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * The prefix of {@code text} that holds its first {@code maxTokens} tokens, ending right after
     * the last kept token; {@code text} itself when it has no more tokens than that.
     */
    public static String truncate(String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        Matcher m = TOKEN.matcher(text);
        int count = 0;
        while (m.find()) {
            if (++count == maxTokens) {
                int end = m.end();
                return m.find() ? text.substring(0, end) : text;
            }
        }
        return text;
    }
}
