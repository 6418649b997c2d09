/**
 * Prompt rewriters behind one interface: a served BPO model, an instruction-tuned LLM with similar
 * pairs as in-context examples (found through a pluggable {@link io.llmopt.bpo.rewrite.SimilarityIndex},
 * BM25 for now), or the instruction alone; and iterative rewriting over several rounds.
 */
package io.llmopt.bpo.rewrite;
