package io.llmopt.local;

import java.net.URI;
import java.util.Objects;

/**
 * One downloadable model of the built-in catalogue.
 *
 * @param name        the short name written after {@code local:} (e.g. {@code qwen2.5-1.5b-instruct})
 * @param repository  the Hugging Face repository holding the GGUF file
 * @param fileName    the GGUF file in that repository
 * @param approxBytes the file size, approximately: for messages and disk-space checks, never for verification
 * @param sha256      the file's SHA-256 in lower-case hex, or null when not pinned yet (see {@link ModelDownloader})
 */
public record CatalogModel(String name, String repository, String fileName, long approxBytes, String sha256) {

    public CatalogModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(fileName, "fileName");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** The file's download address under a Hugging Face-style base (normally https://huggingface.co). */
    public URI downloadUri(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/" + repository + "/resolve/main/" + fileName);
    }

    /** True when the catalogue carries the file's checksum. */
    public boolean pinned() {
        return sha256 != null;
    }
}
