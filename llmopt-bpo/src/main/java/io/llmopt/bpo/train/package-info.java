/**
 * Training a rewriter from optimized pairs, as the paper does (a small model fine-tuned on them):
 * by a hosted fine-tuning API, followed and resumable, or by a ready recipe folder for a GPU trainer.
 * llmopt trains no model itself; it drives the engines people already train with.
 */
package io.llmopt.bpo.train;
