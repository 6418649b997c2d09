package io.llmopt.core.store;

import java.util.List;

/** The result of SQLite's {@code PRAGMA integrity_check}: "ok", or the problems found. */
public record IntegrityReport(List<String> messages) {

    public IntegrityReport {
        messages = List.copyOf(messages);
    }

    public boolean ok() {
        return messages.equals(List.of("ok"));
    }
}
