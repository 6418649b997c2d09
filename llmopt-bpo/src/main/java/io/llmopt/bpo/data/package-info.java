/**
 * Reading preference data (the BPO form, chosen/rejected pairs as in HH-RLHF and UltraFeedback, or
 * user-mapped fields) and the BPO evaluation sets, from JSON arrays or JSON Lines. Malformed records
 * are skipped and reported with file, line and record index, never dropped silently.
 */
package io.llmopt.bpo.data;
