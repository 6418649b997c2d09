package io.llmopt.core.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A journal kept in memory: for a library user who needs no resume, and for tests. */
public final class MemoryBatchJournal implements BatchJournal {

    private final Map<String, Part> parts = new ConcurrentHashMap<>();

    @Override
    public Optional<Part> part(String key) {
        return Optional.ofNullable(parts.get(key));
    }

    @Override
    public void record(Part part) {
        parts.put(part.key(), part);
    }

    @Override
    public List<Part> parts(String submissionId) {
        List<Part> out = new ArrayList<>();
        parts.values().forEach(p -> {
            if (p.key().startsWith(submissionId + "#")) {
                out.add(p);
            }
        });
        return out;
    }
}
