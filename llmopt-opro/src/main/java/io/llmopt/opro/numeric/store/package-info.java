/**
 * Numeric runs in the run store: each step recorded as one unit of work (step, evaluations,
 * rejected outputs), exact resume by replay, and the summary JSON reports read.
 */
package io.llmopt.opro.numeric.store;
