/** numpy's legacy RandomState, so seeded runs reproduce the reference scripts' data exactly. */
package io.llmopt.opro.numeric.random;
