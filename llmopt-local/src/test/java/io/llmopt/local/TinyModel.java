package io.llmopt.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny test model, written once per JVM (each test class runs in its own JVM). */
final class TinyModel {

    private static Path file;

    private TinyModel() {
    }

    static synchronized Path file() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("llmopt-tiny-model-");
                file = TinyGgufWriter.write(dir.resolve("tiny-llama.gguf"), TinyGgufWriter.Shape.tiny(), 42);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
