package io.llmopt.bpo.rewrite.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) run locally with ONNX Runtime; the model ships in
 * a Maven Central jar, so nothing is downloaded at run time. Loading takes about a second.
 *
 * <p>Only touch this class after {@link Embeddings#miniLmAvailable()}: the jar is an optional
 * dependency of llmopt-bpo.
 */
final class MiniLmEmbedder implements Embedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    MiniLmEmbedder() {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public String name() {
        return "all-minilm-l6-v2-q/langchain4j-1.0.0-beta5";
    }
}
