/**
 * OPRO data: examples and data sets, loaders for the benchmarks and for users' files, where data
 * comes from (a user folder, the cache, a download), and train/validation/test splits drawn with
 * numpy's legacy generator so they equal the reference's.
 */
package io.llmopt.opro.data;
