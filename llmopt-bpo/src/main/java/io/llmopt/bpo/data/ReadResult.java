package io.llmopt.bpo.data;

import java.util.List;

/** The values read from a file and the report on what was skipped. */
public record ReadResult<T>(List<T> records, ReadReport report) {

    public ReadResult {
        records = List.copyOf(records);
    }
}
