/**
 * Provider batch jobs: requests that may wait are written as a batch input file, run by the
 * provider at its batch price (or by {@code vllm run-batch} on a cluster) and read back, durably,
 * so that a stopped or killed run follows its jobs instead of paying for them twice.
 */
package io.llmopt.core.batch;
