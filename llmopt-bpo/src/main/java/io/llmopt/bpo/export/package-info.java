/** Writing optimized pairs as fine-tuning data for a rewriter model (OpenAI chat JSONL, Alpaca, ShareGPT). */
package io.llmopt.bpo.export;
