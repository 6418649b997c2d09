/**
 * The scorer side of an OPRO step: question texts per data set, the scorer prompt for an
 * instruction at its position, and the optional second round that asks for the final answer.
 */
package io.llmopt.opro.scoring;
