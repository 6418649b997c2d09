package io.llmopt.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * The measured speed of each local model file on this machine, kept in a small file so it is
 * measured once (a few seconds) and not before every run. A model file of another size (a new
 * download) or another thread count is measured again.
 */
public final class EngineSpeeds {

    static final String FILE_NAME = "engine-speed.properties";

    private final Path cacheFile;
    private final Function<Path, EngineSpeed> measure;

    /**
     * @param cacheFile where the speeds are kept
     * @param measure   measures the model file given (loads the engine and runs {@link EngineSpeedProbe})
     */
    public EngineSpeeds(Path cacheFile, Function<Path, EngineSpeed> measure) {
        this.cacheFile = cacheFile;
        this.measure = measure;
    }

    /** The speeds of the catalogue's cache folder, measuring with the embedded engine at its default settings. */
    public static EngineSpeeds standard(ModelDownloadProgress progress) {
        LocalModelResolver resolver = LocalModelResolver.standard(progress);
        return new EngineSpeeds(resolver.cacheDir().resolve(FILE_NAME), gguf -> {
            LlamaEngine engine = LlamaEngine.load(gguf, gguf.getFileName().toString(), EngineSettings.defaults());
            return EngineSpeedProbe.measure(engine);
        });
    }

    /** The speed of {@code gguf} here: from the file, or measured now and kept. */
    public synchronized EngineSpeed of(Path gguf) {
        String key = key(gguf);
        Properties known = read();
        String value = known.getProperty(key);
        if (value != null) {
            String[] parts = value.split(",");
            try {
                return new EngineSpeed(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            } catch (RuntimeException unreadable) {
                // measured again below, and the line replaced
            }
        }
        EngineSpeed speed = measure.apply(gguf);
        known.setProperty(key, String.format(Locale.ROOT, "%.3f,%.3f", speed.promptTokensPerSecond(),
                speed.completionTokensPerSecond()));
        write(known);
        return speed;
    }

    private static String key(Path gguf) {
        long size;
        try {
            size = Files.size(gguf);
        } catch (IOException e) {
            size = -1;
        }
        return gguf.getFileName() + "." + size + ".threads" + EngineSettings.defaults().threads();
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(cacheFile)) {
            try (Reader in = Files.newBufferedReader(cacheFile, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable file only costs a new measurement
            }
        }
        return p;
    }

    private void write(Properties p) {
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(cacheFile, StandardCharsets.UTF_8)) {
                p.store(out, "measured speed of the embedded engine: prompt,completion tokens per second");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cacheFile, e);
        }
    }
}
