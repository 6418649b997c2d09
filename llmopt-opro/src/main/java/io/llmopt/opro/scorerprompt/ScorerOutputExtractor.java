package io.llmopt.opro.scorerprompt;

/**
 * The optional second round of the reference: when a scorer does not state its answer clearly,
 * prompt it again with its own reasoning followed by "So the final answer is" (decoded with at most
 * {@link #SECOND_ROUND_MAX_TOKENS} tokens), then hand a trimmed piece of that answer to the parser.
 */
public final class ScorerOutputExtractor {

    /** The reference's decode limit for the second round. */
    public static final int SECOND_ROUND_MAX_TOKENS = 50;

    private ScorerOutputExtractor() {
    }

    /**
     * The second-round prompt: the first prompt, a space, the first answer cut before its first
     * {@code Q:} (a question the model went on to invent) and stripped, then " So the final answer is".
     */
    public static String secondRoundPrompt(String firstPrompt, String firstAnswer) {
        return firstPrompt + " " + beforeNextQuestion(firstAnswer).strip() + " So the final answer is";
    }

    /** The text before the first {@code Q:}. */
    public static String beforeNextQuestion(String answer) {
        int at = answer.indexOf("Q:");
        return at < 0 ? answer : answer.substring(0, at);
    }

    /**
     * The part of a second-round answer to parse: colons removed from both ends, stripped, cut at
     * the first line break and before {@code Q:}. The reference also applies this to every parsed
     * answer when there is no second round; {@link io.llmopt.opro.grading.Grader} does that itself.
     */
    public static String answerForParsing(String secondRoundAnswer) {
        String text = stripColons(secondRoundAnswer).strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        return beforeNextQuestion(text);
    }

    private static String stripColons(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ':') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ':') {
            end--;
        }
        return s.substring(start, end);
    }
}
