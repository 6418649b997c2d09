/**
 * The BPO pipelines: build-pairs, rewrite, eval and rewrite-dataset as streaming, concurrent,
 * resumable runs. Each stage's output for a record is one work item in the run store, and so is
 * each call of a stage that makes several, so a re-run skips finished records and continues the
 * others from their last stored stage and call.
 */
package io.llmopt.bpo.pipeline;
