package io.llmopt.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Fetches one public file into the cache, checking its SHA-256.
 *
 * <p>The file is written to a temporary name and moved into place only once complete and
 * verified, so an interrupted download never leaves a half file that later looks cached.
 * When no expected digest is known, the first download's digest is recorded next to the file
 * ({@code <file>.sha256}) and every later read is checked against it, so a file changed in the
 * cache is noticed.
 */
public final class Downloader {
    private final HttpClient client;

    public Downloader(HttpClient client) {
        this.client = client;
    }

    public static Downloader defaults() {
        return new Downloader(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build());
    }

    /**
     * Downloads {@code uri} to {@code target} unless it is there already; returns {@code target}.
     *
     * @param expectedSha256 the digest the file must have (lower-case hex), or null to trust the first download
     */
    public Path fetch(URI uri, Path target, String expectedSha256, DownloadProgress progress) {
        if (Files.exists(target)) {
            verifyCached(target, expectedSha256);
            return target;
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            String actual = download(uri, partial, target.getFileName().toString(), progress);
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                Files.deleteIfExists(partial);
                throw new IOException("checksum mismatch for " + uri + ": expected SHA-256 " + expectedSha256
                        + ", got " + actual);
            }
            Files.writeString(digestFile(target), actual + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + uri + ": " + reason(e), e);
        }
    }

    /**
     * What went wrong, in words: an offline machine fails with a ConnectException that has no
     * message, and "null" tells nobody anything.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return name.contains("UnresolvedAddress") ? "the host name does not resolve (no network?)"
                : e instanceof ConnectException ? "cannot connect (" + name + ")" : name;
    }

    private String download(URI uri, Path partial, String name, DownloadProgress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = sha256();
            try (DigestInputStream in = new DigestInputStream(body, digest);
                 OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                long received = 0;
                progress.onProgress(name, 0, total);
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    received += n;
                    progress.onProgress(name, received, total);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static void verifyCached(Path target, String expectedSha256) {
        try {
            Path digestFile = digestFile(target);
            String expected = expectedSha256 != null ? expectedSha256
                    : Files.exists(digestFile) ? Files.readString(digestFile, StandardCharsets.US_ASCII).strip() : null;
            if (expected == null) {
                return;
            }
            String actual = sha256Of(target);
            if (!expected.equalsIgnoreCase(actual)) {
                throw new IllegalStateException("cached file " + target + " has SHA-256 " + actual + ", expected "
                        + expected.toLowerCase(Locale.ROOT) + "; delete it to download it again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target, e);
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static Path digestFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
