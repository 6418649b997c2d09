package io.llmopt.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Downloads catalogue models into the cache folder: resumable, checksum-verified, atomic.
 *
 * <p>Bytes go to {@code FILE.part}; an interrupted download resumes from there with an HTTP Range
 * request. Only a verified file is renamed to its final name, so a file under its final name is
 * always complete. When the catalogue has no checksum for a model, the first download's SHA-256 is
 * written to {@code FILE.sha256} and later downloads must match it (trust on first use).
 */
public final class ModelDownloader {

    /** Where catalogue repositories live. */
    public static final String HUGGING_FACE = "https://huggingface.co";

    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_STEP = 1 << 20;

    private final String baseUrl;
    private final HttpClient client;
    private final Duration stallTimeout;

    /**
     * @param connectTimeout how long to wait for a connection and for the response headers
     * @param stallTimeout   how long a download may receive nothing before it is abandoned (and left to resume)
     */
    public ModelDownloader(String baseUrl, Duration connectTimeout, Duration stallTimeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL) // Hugging Face redirects file downloads to its CDN
                .build();
    }

    /** A downloader for Hugging Face. */
    public static ModelDownloader huggingFace() {
        return new ModelDownloader(HUGGING_FACE, Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /** The model's file in {@code cacheDir}, downloading it first when it is not there. */
    public Path fetch(CatalogModel model, Path cacheDir, ModelDownloadProgress progress) {
        Path target = cacheDir.resolve(model.fileName());
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path part = cacheDir.resolve(model.fileName() + ".part");
        URI uri = model.downloadUri(baseUrl);
        try {
            Files.createDirectories(cacheDir);
            download(uri, part, model.fileName(), progress);
        } catch (IOException e) {
            throw offline(model, uri, target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModelException("download of " + model.fileName() + " interrupted; run again to resume it", e);
        }
        verify(model, part, target);
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalModelException("could not move the downloaded model to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private void download(URI uri, Path part, String fileName, ModelDownloadProgress progress) throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(client.connectTimeout().orElseThrow()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                return; // the part already holds the whole file; the checksum decides
            }
            boolean resumed = status == 206;
            if (status != 200 && !resumed) {
                throw new IOException("the server answered HTTP " + status);
            }
            long start = resumed ? have : 0;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = length < 0 ? -1 : start + length;
            StandardOpenOption mode = resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                 StallWatchdog watchdog = new StallWatchdog(body, stallTimeout)) {
                copy(body, out, start, total, fileName, progress, watchdog);
                if (watchdog.fired()) {
                    throw new IOException("no data for " + stallTimeout.toSeconds() + " s");
                }
            } catch (IOException e) {
                throw new IOException(e.getMessage() == null ? "the connection broke" : e.getMessage(), e);
            }
            if (total >= 0 && Files.size(part) != total) {
                throw new IOException("the connection closed after " + Files.size(part) + " of " + total + " bytes");
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long start, long total, String fileName,
                             ModelDownloadProgress progress, StallWatchdog watchdog) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long done = start;
        long reported = start;
        progress.update(fileName, done, total);
        for (int read; (read = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, read);
            watchdog.alive();
            done += read;
            if (done - reported >= PROGRESS_STEP) {
                progress.update(fileName, done, total);
                reported = done;
            }
        }
        progress.update(fileName, done, total);
    }

    private static void verify(CatalogModel model, Path part, Path target) {
        Path record = target.resolveSibling(model.fileName() + ".sha256");
        String actual = sha256(part);
        String expected = model.sha256() != null ? model.sha256() : readRecord(record);
        if (expected != null && !expected.equals(actual)) {
            deleteQuietly(part);
            throw new LocalModelException("the download of " + model.fileName() + " is corrupt: SHA-256 " + actual
                    + " but expected " + expected + "; the partial file was deleted, run again to download it afresh");
        }
        if (expected == null) {
            try {
                Files.writeString(record, actual + "  " + model.fileName() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new LocalModelException("could not write " + record + ": " + e.getMessage(), e);
            }
        }
    }

    /** The lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new LocalModelException("could not read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String readRecord(Path record) {
        if (!Files.isRegularFile(record)) {
            return null;
        }
        try {
            String line = Files.readString(record, StandardCharsets.US_ASCII).strip();
            int space = line.indexOf(' ');
            return (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return null;
        }
    }

    private static LocalModelException offline(CatalogModel model, URI uri, Path target, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new LocalModelException("could not download " + model.fileName() + " from " + uri + " (" + reason + "). "
                + "If this machine is offline, download that file by hand (about " + model.approxBytes() / 1_000_000 + " MB) "
                + "and put it at " + target + ", or point the model spec at any GGUF file: local:/path/to/model.gguf. "
                + "Run again to resume a partial download.", e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover part file is resumed or replaced by the next attempt
        }
    }
}
