/** OPRO: tasks and data sets, scorer prompts, answer parsing and grading, meta-prompts, the optimization loop, numeric problems. */
package io.llmopt.opro;
