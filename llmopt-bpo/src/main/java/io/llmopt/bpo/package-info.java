/** BPO: preference data, optimized-pair construction, the prompt rewriter, pairwise judging. */
package io.llmopt.bpo;
