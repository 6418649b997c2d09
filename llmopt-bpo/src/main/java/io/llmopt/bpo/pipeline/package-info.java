/**
 * The BPO pipelines: build-pairs, rewrite, eval and rewrite-dataset as streaming, concurrent,
 * resumable runs. Each stage's output for a record is one work item in the run store, so a re-run
 * skips finished records and continues the others from their last stored stage.
 */
package io.llmopt.bpo.pipeline;
