/** numpy's legacy random generator, reproduced bit for bit for parity with the reference. */
package io.llmopt.opro.random;
