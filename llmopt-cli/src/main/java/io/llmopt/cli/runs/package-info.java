/**
 * {@code llmopt runs} (list, show, export, compare, rm, resume) and {@code llmopt report}: thin
 * shells over the run store and the llmopt-report library. Resuming is delegated to a
 * {@link io.llmopt.cli.runs.RunResumer} registered for the run's kind.
 */
package io.llmopt.cli.runs;
