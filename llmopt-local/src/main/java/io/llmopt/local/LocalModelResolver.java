package io.llmopt.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what follows {@code local:} into a GGUF file on disk: a path is used as it is, a catalogue
 * name is looked up in the cache folder and downloaded on first use.
 */
public final class LocalModelResolver {

    private final Path cacheDir;
    private final ModelDownloader downloader;
    private final ModelDownloadProgress progress;

    public LocalModelResolver(Path cacheDir, ModelDownloader downloader, ModelDownloadProgress progress) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A resolver over the default cache folder and Hugging Face. */
    public static LocalModelResolver standard(ModelDownloadProgress progress) {
        return new LocalModelResolver(defaultCacheDir(System.getenv(), Path.of(System.getProperty("user.home"))),
                ModelDownloader.huggingFace(), progress);
    }

    /**
     * The model cache: {@code $LLMOPT_MODEL_DIR}, else {@code $XDG_CACHE_HOME/llmopt/models}, else
     * {@code ~/.cache/llmopt/models}.
     */
    public static Path defaultCacheDir(Map<String, String> env, Path home) {
        String explicit = env.get("LLMOPT_MODEL_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        return cache.resolve("llmopt").resolve("models");
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** True when {@code reference} names a file rather than a catalogue model. */
    public static boolean isPath(String reference) {
        String r = reference.strip();
        return r.toLowerCase(Locale.ROOT).endsWith(".gguf") || r.contains("/") || r.contains("\\") || r.startsWith("~");
    }

    /** The GGUF file for a path or catalogue name; downloads a catalogue model when it is not cached. */
    public Path resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        String r = reference.strip();
        if (r.isEmpty()) {
            throw new LocalModelException("no local model named; use a catalogue name (" + LocalModelCatalog.names()
                    + ") or a .gguf path");
        }
        if (isPath(r)) {
            Path file = Path.of(r.startsWith("~/") ? System.getProperty("user.home") + r.substring(1) : r).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new LocalModelException("the model file " + file + " does not exist");
            }
            return file;
        }
        CatalogModel model = LocalModelCatalog.find(r).orElseThrow(() -> new LocalModelException(
                "unknown local model '" + r + "'; known: " + LocalModelCatalog.names() + ", or give a .gguf path"));
        return downloader.fetch(model, cacheDir, progress);
    }
}
