/** A simulated OpenAI-compatible LLM server for tests and dry runs. */
package io.llmopt.sim;
