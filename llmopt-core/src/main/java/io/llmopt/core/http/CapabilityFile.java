package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Probe results kept across processes, so a run does not probe an endpoint that an earlier run
 * probed: one JSON file ({@code capabilities.json} next to the response cache by default), by
 * endpoint, model and API, then by item ("n", "seed", "field:top_k"), each with when it was found.
 * Results older than {@link #MAX_AGE} are probed again (a server may have been upgraded or
 * replaced at the same address). Only conclusive results are kept. A file that cannot be read or
 * written is no error: the probe simply runs again.
 */
final class CapabilityFile {

    static final Duration MAX_AGE = Duration.ofDays(7);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Object WRITE_LOCK = new Object();

    private final Path file;
    private final Clock clock;

    CapabilityFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /** The stored result for {@code item} of {@code endpointKey}, when there is one young enough. */
    Optional<Support> lookup(String endpointKey, String item) {
        JsonNode entry = read().path(endpointKey).path(item);
        if (!entry.isObject()) {
            return Optional.empty();
        }
        long at = entry.path("at").asLong(0);
        if (clock.millis() / 1000 - at > MAX_AGE.toSeconds()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Support.valueOf(entry.path("support").asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records a conclusive result (read, merged and replaced whole, so concurrent writers lose nothing of their own). */
    void store(String endpointKey, String item, Support support) {
        if (!support.conclusive()) {
            return;
        }
        synchronized (WRITE_LOCK) {
            try {
                ObjectNode root = read();
                JsonNode existing = root.get(endpointKey);
                ObjectNode endpoint = existing instanceof ObjectNode o ? o : root.putObject(endpointKey);
                ObjectNode entry = endpoint.putObject(item);
                entry.put("support", support.name());
                entry.put("at", clock.millis() / 1000);
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path tmp = Files.createTempFile(parent, "capabilities", ".tmp");
                Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                // not kept: the next process probes again
            }
        }
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = MAPPER.readTree(file.toFile());
                if (root instanceof ObjectNode o) {
                    return o;
                }
            }
        } catch (IOException | RuntimeException e) {
            // damaged or half-written by a crash: start over
        }
        return MAPPER.createObjectNode();
    }
}
