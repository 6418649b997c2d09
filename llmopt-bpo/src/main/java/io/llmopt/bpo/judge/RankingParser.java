package io.llmopt.bpo.judge;

/**
 * Reads a ranking judge's reply exactly as the reference's scoring script: only the text before the
 * first occurrence of "rank" counts; if it names {@code model_1} the first answer shown is ranked
 * best, else if it names {@code model_2} the second is; otherwise no verdict, which the reference
 * counts in no bucket but keeps in the denominator. A ranking has no ties.
 */
public final class RankingParser {

    private RankingParser() {
    }

    public static Verdict parse(String reply) {
        int at = reply.indexOf("rank");
        String head = at < 0 ? reply : reply.substring(0, at);
        if (head.contains("model_1")) {
            return Verdict.A;
        }
        if (head.contains("model_2")) {
            return Verdict.B;
        }
        return Verdict.NONE;
    }
}
