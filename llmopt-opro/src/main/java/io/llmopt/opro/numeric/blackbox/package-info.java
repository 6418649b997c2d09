/** User objectives over a search-space file: command, HTTP and Java objectives, JSON candidates, baselines. */
package io.llmopt.opro.numeric.blackbox;
