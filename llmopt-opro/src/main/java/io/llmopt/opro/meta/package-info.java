/**
 * OPRO meta-prompts: the history of scored instructions, the meta-prompt for each optimizer style,
 * and what happens to the optimizer's output (extraction, polishing, screening), plus how each step
 * picks its exemplars. Byte-for-byte parity with the reference is tested.
 */
package io.llmopt.opro.meta;
