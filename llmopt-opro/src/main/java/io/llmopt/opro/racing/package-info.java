/**
 * Racing evaluation for OPRO ({@code --evaluation racing}): score a step's candidates along a
 * shared random example order and stop scoring each one as soon as it is shown, at a stated error
 * rate, to fall below the meta-prompt's bar. Entry point: {@link io.llmopt.opro.racing.Racing}; the
 * method, its guarantee and benchmark figures are in {@code docs/racing.md}.
 */
package io.llmopt.opro.racing;
