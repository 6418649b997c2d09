/** The BPO reference prompt templates and their one-pass placeholder filling. */
package io.llmopt.bpo.template;
