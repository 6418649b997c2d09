package io.llmopt.bpo.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark folder the build passes in as {@code llmopt.shared.dir}. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String dir = System.getProperty("llmopt.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property llmopt.shared.dir is not set; run the tests through Maven");
        }
        return Path.of(dir);
    }

    public static Path bpo(String relative) {
        Path p = dir().resolve("data/bpo").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared data file missing: " + p);
        }
        return p;
    }
}
