/**
 * Sentence-embedding similarity for in-context rewriting: a local all-MiniLM-L6-v2 embedder (an
 * optional dependency), an on-disk vector cache keyed by text hash, a cosine index, and the choice
 * between it and BM25.
 */
package io.llmopt.bpo.rewrite.embed;
