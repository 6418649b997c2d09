package io.llmopt.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A word-level diff by longest common subsequence: how a rewriter changed a prompt, shown to a
 * reader as kept, deleted and inserted words. Whitespace separates words and is not compared.
 */
public final class WordDiff {

    /** Beyond this many words per side the quadratic table is not worth it: the diff is replace-all. */
    static final int MAX_WORDS = 3000;

    /** What happened to a run of words. */
    public enum Kind { EQUAL, DELETE, INSERT }

    /** A run of consecutive words with the same fate, joined by single spaces. */
    public record Segment(Kind kind, String text) {
    }

    private WordDiff() {
    }

    public static List<Segment> diff(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
            List<Segment> all = new ArrayList<>();
            add(all, Kind.DELETE, a, 0, a.length);
            add(all, Kind.INSERT, b, 0, b.length);
            return all;
        }
        // lcs[i][j]: length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                append(out, Kind.EQUAL, a[i]);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                append(out, Kind.INSERT, b[j]);
                j++;
            } else {
                append(out, Kind.DELETE, a[i]);
                i++;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The diff as HTML: deleted words in {@code <del>}, inserted in {@code <ins>}, all text escaped. */
    public static String toHtml(List<Segment> segments) {
        StringBuilder html = new StringBuilder();
        for (Segment s : segments) {
            if (!html.isEmpty()) {
                html.append(' ');
            }
            String text = Html.escape(s.text());
            switch (s.kind()) {
                case EQUAL -> html.append(text);
                case DELETE -> html.append("<del>").append(text).append("</del>");
                case INSERT -> html.append("<ins>").append(text).append("</ins>");
            }
        }
        return html.toString();
    }

    private static String[] words(String text) {
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(text.strip().split("\\s+")).toArray(String[]::new);
    }

    private static void add(List<Segment> out, Kind kind, String[] words, int from, int to) {
        for (int k = from; k < to; k++) {
            append(out, kind, words[k]);
        }
    }

    private static void append(List<Segment> out, Kind kind, String word) {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).kind() == kind) {
            out.set(last, new Segment(kind, out.get(last).text() + " " + word));
        } else {
            out.add(new Segment(kind, word));
        }
    }
}
