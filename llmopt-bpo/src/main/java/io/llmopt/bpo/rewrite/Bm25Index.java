package io.llmopt.bpo.rewrite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over lower-cased letter/digit tokens, with the Lucene-style idf
 * {@code ln(1 + (N - df + 0.5) / (df + 0.5))}, which never goes negative for very common terms.
 * Ties are broken by document order, so results are deterministic.
 */
public final class Bm25Index implements SimilarityIndex {

    /** The usual defaults: term-frequency saturation k1 = 1.2, length normalisation b = 0.75. */
    public static final double DEFAULT_K1 = 1.2;
    public static final double DEFAULT_B = 0.75;

    private final double k1;
    private final double b;
    private final List<Map<String, Integer>> termFrequencies = new ArrayList<>();
    private final int[] lengths;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    public Bm25Index(List<String> documents, double k1, double b) {
        this.k1 = k1;
        this.b = b;
        this.lengths = new int[documents.size()];
        long total = 0;
        for (int d = 0; d < documents.size(); d++) {
            List<String> tokens = tokenize(documents.get(d));
            Map<String, Integer> tf = new HashMap<>();
            tokens.forEach(t -> tf.merge(t, 1, Integer::sum));
            termFrequencies.add(tf);
            tf.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            lengths[d] = tokens.size();
            total += tokens.size();
        }
        this.averageLength = documents.isEmpty() ? 0 : (double) total / documents.size();
    }

    public Bm25Index(List<String> documents) {
        this(documents, DEFAULT_K1, DEFAULT_B);
    }

    /** Lower-cased runs of letters and digits. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                current.appendCodePoint(cp);
            } else if (!current.isEmpty()) {
                tokens.add(current.toString());
                current.setLength(0);
            }
        });
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    double idf(String term) {
        int df = documentFrequency.getOrDefault(term, 0);
        int n = lengths.length;
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    /** The BM25 score of one document for a query. */
    double score(int document, String query) {
        Set<String> terms = new LinkedHashSet<>(tokenize(query));
        Map<String, Integer> tf = termFrequencies.get(document);
        double norm = k1 * (1 - b + b * (averageLength == 0 ? 0 : lengths[document] / averageLength));
        double score = 0;
        for (String term : terms) {
            int f = tf.getOrDefault(term, 0);
            if (f > 0) {
                score += idf(term) * f * (k1 + 1) / (f + norm);
            }
        }
        return score;
    }

    @Override
    public List<Hit> search(String query, int k) {
        List<Hit> hits = new ArrayList<>();
        for (int d = 0; d < lengths.length; d++) {
            double s = score(d, query);
            if (s > 0) {
                hits.add(new Hit(d, s));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingInt(Hit::document));
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
    }

    @Override
    public int size() {
        return lengths.length;
    }
}
