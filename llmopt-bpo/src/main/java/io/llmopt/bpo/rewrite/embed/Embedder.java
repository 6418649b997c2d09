package io.llmopt.bpo.rewrite.embed;

import java.util.List;

/** Turns texts into sentence-embedding vectors of a fixed dimension. */
public interface Embedder {

    /** One vector per text, in order. */
    List<float[]> embed(List<String> texts);

    /** A name that changes when the vectors would (model and version): part of every cache key. */
    String name();
}
