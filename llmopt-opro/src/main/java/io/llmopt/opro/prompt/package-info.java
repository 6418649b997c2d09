/**
 * The OPRO prompt optimization loop: {@link io.llmopt.opro.prompt.PromptOptimizer} (steps,
 * scoring as candidates arrive, validation, store recording and resume),
 * {@link io.llmopt.opro.prompt.InstructionEvaluator} and the final evaluation's intervals and
 * paired tests, the scorers (a model with a grader, a user's metric or instruction score), and the
 * CSV/JSON export. See docs/opro.md.
 */
package io.llmopt.opro.prompt;
