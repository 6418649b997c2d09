package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The journal as one small JSON file per part in a folder next to the run store: it belongs to the
 * model, not to one run, so a job left running by one run is followed by the next run that asks for
 * the same calls. Each file is written to a temporary name, forced to disk and moved into place.
 */
public final class FilesBatchJournal implements BatchJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public FilesBatchJournal(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<Part> part(String key) {
        Path file = file(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Part.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the batch journal file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void record(Part part) {
        try {
            Files.createDirectories(dir);
            Path file = file(part.key());
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.write(partial, JSON.writeValueAsBytes(part));
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Part> parts(String submissionId) {
        List<Part> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        String prefix = safe(submissionId + "#");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".json")).toList()) {
                out.add(JSON.readValue(f.toFile(), Part.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch journal in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Path file(String key) {
        return dir.resolve(safe(key) + ".json");
    }

    private static String safe(String key) {
        return key.replaceAll("[^A-Za-z0-9._#-]", "_");
    }
}
