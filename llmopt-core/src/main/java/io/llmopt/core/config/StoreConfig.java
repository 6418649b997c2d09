package io.llmopt.core.config;

/** The run store file; null means {@code runs.db} in the runs folder. */
public record StoreConfig(String path) {
}
