/**
 * OPRO on problems scored by a function rather than a scorer model: the {@link
 * io.llmopt.opro.numeric.NumericProblem} abstraction and the {@link
 * io.llmopt.opro.numeric.NumericOptimizer} loop, with the paper's linear regression ({@code linreg}),
 * travelling salesman ({@code tsp}) and user-supplied black-box objectives ({@code blackbox}).
 */
package io.llmopt.opro.numeric;
