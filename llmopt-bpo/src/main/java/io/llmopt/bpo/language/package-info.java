/** The language of prompts and rewrites: a rewrite should not switch language, and results are reported per language. */
package io.llmopt.bpo.language;
