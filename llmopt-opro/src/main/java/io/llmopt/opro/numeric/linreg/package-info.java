/** The paper's linear-regression problem: data, meta-prompt, parser, exact integer optimum, repeated runs. */
package io.llmopt.opro.numeric.linreg;
