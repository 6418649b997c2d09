package io.llmopt.opro.data;

import io.llmopt.core.config.UserFolders;
import io.llmopt.core.data.DownloadProgress;
import io.llmopt.core.data.Downloader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a benchmark's files and loads them: from a folder the user gives (laid out as the
 * OPRO repository's {@code data} folder: {@code gsm_data/}, {@code BIG-Bench-Hard-data/},
 * {@code MMLU-data/test/}, {@code MultiArith-data/}, {@code AQuA-data/}), else from the cache
 * folder ({@code data} in llmopt's cache folder, {@link UserFolders#cacheDir()}), else, for the sets published openly (GSM8K and BBH),
 * by downloading them into the cache on first use.
 *
 * <p>GSM8K downloaded from upstream has the same questions and answers as the OPRO tsv, so the
 * reference split indices apply to either.
 */
public final class DatasetSource {
    /** The part of llmopt's cache folder holding data sets. */
    public static final String CACHE_PART = "data";
    /** Upstream GSM8K files, {@code <base>/train.jsonl} and {@code test.jsonl}. */
    public static final URI GSM8K_BASE =
            URI.create("https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/");
    /** Upstream BBH files, {@code <base>/<task>.json}. */
    public static final URI BBH_BASE = URI.create("https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main/bbh/");

    private final Path userFolder;
    private final Path cacheFolder;
    private final Downloader downloader;
    private final URI gsm8kBase;
    private final URI bbhBase;
    private final Map<String, String> expectedSha256;
    private final DownloadProgress progress;

    private DatasetSource(Path userFolder, Path cacheFolder, Downloader downloader, URI gsm8kBase, URI bbhBase,
                          Map<String, String> expectedSha256, DownloadProgress progress) {
        this.userFolder = userFolder;
        this.cacheFolder = cacheFolder;
        this.downloader = downloader;
        this.gsm8kBase = gsm8kBase;
        this.bbhBase = bbhBase;
        this.expectedSha256 = Map.copyOf(expectedSha256);
        this.progress = progress;
    }

    /** The cache folder ({@link #defaultCacheFolder()}), upstream downloads, no user folder. */
    public static DatasetSource defaults() {
        return new DatasetSource(null, defaultCacheFolder(), Downloader.defaults(), GSM8K_BASE, BBH_BASE, Map.of(),
                DownloadProgress.NONE);
    }

    /** {@code data} in llmopt's cache folder: {@code $LLMOPT_CACHE_DIR/data}, {@code $XDG_CACHE_HOME/llmopt/data}, ... */
    public static Path defaultCacheFolder() {
        return defaultCacheFolder(UserFolders.system());
    }

    public static Path defaultCacheFolder(UserFolders folders) {
        return folders.cacheDir(CACHE_PART);
    }

    /** Reads from this folder (OPRO layout) before the cache. */
    public DatasetSource withUserFolder(Path folder) {
        return new DatasetSource(folder, cacheFolder, downloader, gsm8kBase, bbhBase, expectedSha256, progress);
    }

    public DatasetSource withCacheFolder(Path folder) {
        return new DatasetSource(userFolder, folder, downloader, gsm8kBase, bbhBase, expectedSha256, progress);
    }

    /** Downloads from other locations (a mirror, or a test server). */
    public DatasetSource withDownloads(Downloader downloader, URI gsm8kBase, URI bbhBase) {
        return new DatasetSource(userFolder, cacheFolder, downloader, gsm8kBase, bbhBase, expectedSha256, progress);
    }

    /** Pins digests of downloaded files, keyed by file name relative to the cache ({@code gsm8k/train.jsonl}). */
    public DatasetSource withExpectedSha256(Map<String, String> digests) {
        Map<String, String> all = new HashMap<>(expectedSha256);
        all.putAll(digests);
        return new DatasetSource(userFolder, cacheFolder, downloader, gsm8kBase, bbhBase, all, progress);
    }

    public DatasetSource withProgress(DownloadProgress listener) {
        return new DatasetSource(userFolder, cacheFolder, downloader, gsm8kBase, bbhBase, expectedSha256, listener);
    }

    /** GSM8K {@code train} or {@code test}. */
    public Dataset gsm8k(String part) {
        if (!part.equals("train") && !part.equals("test")) {
            throw new IllegalArgumentException("GSM8K part must be train or test, got '" + part + "'");
        }
        Optional<Path> tsv = userFile("gsm_data/gsm_" + part + ".tsv");
        if (tsv.isPresent()) {
            return Gsm8kLoader.loadTsv(tsv.get(), part);
        }
        Path cached = cacheFile("gsm8k/gsm_" + part + ".tsv");
        if (Files.exists(cached)) {
            return Gsm8kLoader.loadTsv(cached, part);
        }
        return Gsm8kLoader.loadJsonl(download(gsm8kBase, part + ".jsonl", "gsm8k/" + part + ".jsonl"), part);
    }

    /** One or several BBH tasks, concatenated in the given order. */
    public Dataset bbh(List<String> tasks) {
        List<Dataset> parts = new ArrayList<>();
        for (String task : tasks) {
            BbhTasks.requireKnown(task);
            Optional<Path> local = userFile("BIG-Bench-Hard-data/" + task + ".json");
            Path file = local.orElseGet(() -> download(bbhBase, task + ".json", "bbh/" + task + ".json"));
            parts.add(BbhLoader.loadFile(file, task));
        }
        return parts.size() == 1 ? parts.get(0) : Dataset.concat(BbhLoader.NAME, String.join(",", tasks), parts);
    }

    /** One MMLU subject (the data must be in the user folder or the cache: MMLU is not downloaded). */
    public Dataset mmluSubject(String subject) {
        return MmluLoader.loadSubject(localFolder("MMLU-data/test", "mmlu/test"), subject);
    }

    /** One MMLU category, its subjects alphabetically. */
    public Dataset mmluCategory(MmluCategory category) {
        return MmluLoader.loadCategory(localFolder("MMLU-data/test", "mmlu/test"), category);
    }

    public Dataset multiArith() {
        return MultiArithLoader.load(localFolder("MultiArith-data", "multiarith").resolve("MultiArith.json"));
    }

    public Dataset aqua() {
        return AquaLoader.load(localFolder("AQuA-data", "aqua").resolve("AQuA.json"));
    }

    private Optional<Path> userFile(String relative) {
        if (userFolder == null) {
            return Optional.empty();
        }
        Path file = userFolder.resolve(relative);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    private Path cacheFile(String relative) {
        return cacheFolder.resolve(relative);
    }

    private Path localFolder(String userRelative, String cacheRelative) {
        Optional<Path> user = userFile(userRelative);
        if (user.isPresent()) {
            return user.get();
        }
        Path cached = cacheFile(cacheRelative);
        if (Files.isDirectory(cached)) {
            return cached;
        }
        throw new IllegalStateException("data not found: put it in " + cached
                + (userFolder != null ? " or " + userFolder.resolve(userRelative) : "")
                + " (this data set is not downloaded automatically)");
    }

    /** Downloads into the cache unless it is there; a failed download says where else the file may come from. */
    private Path download(URI base, String remoteName, String cacheRelative) {
        Path target = cacheFile(cacheRelative);
        boolean cached = Files.exists(target);
        try {
            return downloader.fetch(base.resolve(remoteName), target, expectedSha256.get(cacheRelative), progress);
        } catch (UncheckedIOException e) {
            if (cached) {
                throw e;
            }
            throw new DatasetDownloadException(e.getMessage() + "; or copy the file to " + target
                    + ", or use a folder laid out as the OPRO repository's data folder", e.getCause());
        }
    }
}
