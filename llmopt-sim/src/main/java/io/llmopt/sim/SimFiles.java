package io.llmopt.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The simulated server's file store, in memory: uploads and the files batches and jobs write. */
final class SimFiles {

    private final Map<String, SimFile> files = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    SimFile add(String filename, String purpose, byte[] content) {
        String id = "file-sim" + next.incrementAndGet();
        SimFile file = new SimFile(id, filename, purpose, content, System.currentTimeMillis() / 1000);
        files.put(id, file);
        return file;
    }

    Optional<SimFile> get(String id) {
        return Optional.ofNullable(files.get(id));
    }

    boolean delete(String id) {
        return files.remove(id) != null;
    }

    /** Newest first, as the real API lists them; {@code purpose} null lists every file. */
    List<SimFile> list(String purpose) {
        List<SimFile> all = new ArrayList<>();
        for (SimFile f : files.values()) {
            if (purpose == null || purpose.equals(f.purpose())) {
                all.add(f);
            }
        }
        all.sort(Comparator.comparing((SimFile f) -> Long.parseLong(f.id().substring("file-sim".length()))).reversed());
        return all;
    }
}
