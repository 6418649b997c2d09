/** The paper's travelling-salesman problem: instances, meta-prompt, trace parser, reference solvers, gap report. */
package io.llmopt.opro.numeric.tsp;
