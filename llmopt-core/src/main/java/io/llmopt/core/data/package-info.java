/**
 * Reading the text of data-set files the same way in every method: strict UTF-8 with a byte-order
 * mark accepted ({@link Utf8Files}), and one JSON mapper whose limits fit the data sets
 * ({@link DataJson}); and fetching data sets once into a local cache ({@link Downloader}).
 */
package io.llmopt.core.data;
