/**
 * The embedded local model, seen from core: the model catalogue, the download cache, and the
 * supervisor that runs the llama.cpp server (module llmopt-local) as a child process reached over
 * the OpenAI-compatible HTTP backend. Core links to that module only by its main class's name.
 */
package io.llmopt.local;
