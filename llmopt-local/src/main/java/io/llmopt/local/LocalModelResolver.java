package io.llmopt.local;

import io.llmopt.core.config.UserFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        return new LocalModelResolver(defaultCacheDir(UserFolders.system()), ModelDownloader.huggingFace(), progress);
    }

    /**
     * The model cache: {@code $LLMOPT_MODEL_DIR}, else {@code models} in llmopt's cache folder
     * ({@code $LLMOPT_CACHE_DIR/models}, {@code $XDG_CACHE_HOME/llmopt/models}, {@code $HOME/.cache/llmopt/models}).
     */
    public static Path defaultCacheDir(UserFolders folders) {
        String explicit = folders.value("LLMOPT_MODEL_DIR");
        return explicit != null ? folders.expand(explicit) : folders.cacheDir("models");
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
            Path file = UserFolders.system().expand(r).toAbsolutePath();
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
