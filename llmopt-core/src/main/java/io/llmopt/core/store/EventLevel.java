package io.llmopt.core.store;

/** Severity of a stored run event. */
public enum EventLevel {
    DEBUG, INFO, WARN, ERROR
}
