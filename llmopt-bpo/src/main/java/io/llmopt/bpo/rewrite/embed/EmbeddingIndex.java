package io.llmopt.bpo.rewrite.embed;

import io.llmopt.bpo.rewrite.SimilarityIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cosine similarity between sentence embeddings: finds pairs about the same thing even when they
 * share no word with the prompt, which BM25 cannot. Documents are embedded once, when the index is
 * built; each search embeds the query. Ties are broken by document order.
 */
public final class EmbeddingIndex implements SimilarityIndex {

    private final Embedder embedder;
    private final List<float[]> documents;

    public EmbeddingIndex(Embedder embedder, List<String> documents) {
        this.embedder = embedder;
        this.documents = documents.isEmpty() ? List.of() : embedder.embed(documents).stream().map(EmbeddingIndex::normalised).toList();
    }

    @Override
    public List<Hit> search(String query, int k) {
        if (documents.isEmpty() || k <= 0) {
            return List.of();
        }
        float[] q = normalised(embedder.embed(List.of(query)).getFirst());
        List<Hit> hits = new ArrayList<>(documents.size());
        for (int d = 0; d < documents.size(); d++) {
            hits.add(new Hit(d, dot(q, documents.get(d))));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingInt(Hit::document));
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
    }

    @Override
    public int size() {
        return documents.size();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }
}
