/**
 * Answer parsing and grading of scorer outputs: grading settings per data set and BBH task,
 * {@link io.llmopt.opro.grading.Grader} in reference or strict mode (see docs/grading.md), and
 * {@link io.llmopt.opro.grading.OfflineGrader} for JSONL files of model outputs.
 */
package io.llmopt.opro.grading;
