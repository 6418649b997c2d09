/** {@code llmopt bpo}: the BPO pipelines as commands over the core runtime. */
package io.llmopt.cli.bpo;
