/**
 * Transfer: the same instructions scored with several scorer models and on several data sets or
 * tasks in one resumable run, as the OPRO paper's "different models prefer different prompts" and
 * its GSM8K-to-MultiArith/AQuA study do. The result is a {@link io.llmopt.opro.transfer.TransferMatrix}:
 * per instruction and column (scorer model × data set) the accuracy with its 95% Wilson interval,
 * the paired difference to the baseline instruction on the same examples with an exact McNemar
 * p-value, and the best instruction per column.
 */
package io.llmopt.opro.transfer;
