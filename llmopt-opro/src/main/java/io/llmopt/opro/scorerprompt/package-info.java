/**
 * The scorer prompt of an OPRO step (not a scorer: scoring is in opro/prompt): question texts per data set, the scorer prompt for an
 * instruction at its position, and the optional second round that asks for the final answer.
 */
package io.llmopt.opro.scorerprompt;
