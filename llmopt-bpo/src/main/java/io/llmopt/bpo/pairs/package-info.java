/**
 * Building (prompt, optimized prompt) pairs from preference records: the pair-construction prompt,
 * parsing the LLM's reply, the reference's filters and context re-attachment, and a concurrent
 * {@link io.llmopt.bpo.pairs.PairBuilder} reporting each record's outcome.
 */
package io.llmopt.bpo.pairs;
