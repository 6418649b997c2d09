package io.llmopt.bpo.judge;

/**
 * Reads the verdict exactly as the reference's scoring script: only the last paragraph counts
 * (the text after the last "\n\n" in Python's left-to-right split, so a reply ending in a blank
 * line has an empty last paragraph), and within it {@code [[A]]} is checked before {@code [[B]]}
 * before {@code [[C]]}. Nothing found is {@link Verdict#NONE}; the reference then counts the item in
 * no bucket but keeps it in the denominator, which {@link io.llmopt.core.stats.WinTieLose} mirrors
 * with its invalid count.
 */
public final class VerdictParser {

    private VerdictParser() {
    }

    public static Verdict parse(String reply) {
        String last = lastParagraph(reply);
        if (last.contains("[[A]]")) {
            return Verdict.A;
        }
        if (last.contains("[[B]]")) {
            return Verdict.B;
        }
        if (last.contains("[[C]]")) {
            return Verdict.TIE;
        }
        return Verdict.NONE;
    }

    /** Python's {@code text.split("\n\n")[-1]}: separators are found left to right without overlap. */
    static String lastParagraph(String text) {
        int start = 0;
        int at;
        while ((at = text.indexOf("\n\n", start)) >= 0) {
            start = at + 2;
        }
        return text.substring(start);
    }
}
