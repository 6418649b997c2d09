/**
 * Pairwise LLM-as-judge evaluation of an original against a rewritten prompt's response: the
 * pair-v2 judge prompt, the reference's verdict rule, a two-order judge that cancels position bias,
 * the reference's single random-order judge, and win/tie/lose summaries with 95% intervals.
 */
package io.llmopt.bpo.judge;
