package io.llmopt.bpo.rewrite;

import java.util.List;

/**
 * Finds the stored texts most similar to a query. Implementations are built over a fixed list of
 * documents and answer with indices into it, so callers keep their own objects (pairs) alongside.
 * BM25 is the lexical implementation; an embedding-based one can be added behind this interface.
 */
public interface SimilarityIndex {

    /** A document index and its similarity score (higher is more similar). */
    record Hit(int document, double score) {
    }

    /** At most {@code k} hits, best first; documents sharing nothing with the query are left out. */
    List<Hit> search(String query, int k);

    /** How many documents the index holds. */
    int size();
}
