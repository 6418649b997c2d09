package io.llmopt.bpo.data;

import io.llmopt.core.data.DownloadProgress;
import io.llmopt.core.data.Downloader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the BPO paper's four test sets come from: a folder the user gives (its {@code testset/}),
 * else the cache, else downloaded once from the BPO repository and checked against the SHA-256 of
 * the files the paper was evaluated on.
 */
public final class TestSetSource {

    /** The files of the BPO repository's {@code data/testset/} folder. */
    public static final URI BASE = URI.create("https://raw.githubusercontent.com/thu-coai/BPO/main/data/testset/");

    /** A named test set: its file and the SHA-256 of the file as published. */
    public enum TestSet {
        VICUNA("vicuna", "vicuna_eval.jsonl", "32b519315704d3da88accb0cab4fd44622ff530fe49e450c1553030ce3e0f962"),
        DOLLY("dolly", "dolly_eval.json", "7e424485b167e5c0a092a9eb2b8d9d1bd550c34ffcd0352e20938c1cedd7c0ab"),
        SELF_INSTRUCT("self-instruct", "self_instruct_eval.json",
                "80525efd67f3af6691e960f173c78a4331af3311d0b8ac6b7da80db7a246d629"),
        BPO_TEST("bpo-test", "bpo_test.json", "232bc4ba002e0df05da7bc3351978ce28856e036eb96053b3eecc93ca6a43e71");

        private final String cliName;
        private final String file;
        private final String sha256;

        TestSet(String cliName, String file, String sha256) {
            this.cliName = cliName;
            this.file = file;
            this.sha256 = sha256;
        }

        public String cliName() {
            return cliName;
        }

        public String file() {
            return file;
        }

        /** The set named {@code name} on the command line, or null when it is not one of the four. */
        public static TestSet named(String name) {
            for (TestSet t : values()) {
                if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            return null;
        }
    }

    private final Path userFolder;
    private final Path cacheFolder;
    private final Downloader downloader;
    private final URI base;
    private final DownloadProgress progress;

    public TestSetSource(Path userFolder, Path cacheFolder, Downloader downloader, URI base, DownloadProgress progress) {
        this.userFolder = userFolder;
        this.cacheFolder = Objects.requireNonNull(cacheFolder, "cacheFolder");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.base = Objects.requireNonNull(base, "base");
        this.progress = progress == null ? DownloadProgress.NONE : progress;
    }

    /** The user's folder (may be null), the standard cache, downloads from the BPO repository. */
    public static TestSetSource standard(Path userFolder, Path cacheFolder, DownloadProgress progress) {
        return new TestSetSource(userFolder, cacheFolder, Downloader.defaults(), BASE, progress);
    }

    /** The file of {@code set}: the user's, else the cached one, else downloaded and checked. */
    public Path file(TestSet set) {
        if (userFolder != null) {
            Path mine = userFolder.resolve("testset").resolve(set.file());
            if (Files.isRegularFile(mine)) {
                return mine;
            }
        }
        return downloader.fetch(base.resolve(set.file()), cacheFolder.resolve("bpo").resolve("testset").resolve(set.file()),
                set.sha256, progress);
    }

    /** The SHA-256 each named set must have. */
    public static Map<TestSet, String> checksums() {
        Map<TestSet, String> out = new java.util.EnumMap<>(TestSet.class);
        for (TestSet t : TestSet.values()) {
            out.put(t, t.sha256);
        }
        return out;
    }
}
