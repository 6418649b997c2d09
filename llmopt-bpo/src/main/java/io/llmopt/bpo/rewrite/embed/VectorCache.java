package io.llmopt.bpo.rewrite.embed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An embedder that keeps its vectors in a file keyed by the SHA-256 of (embedder name, text), so a
 * pair set is embedded once and every later rewrite only embeds the new prompt.
 *
 * <p>The file is append-only: entries are (key, dimension, floats); a torn last entry from a crash
 * is ignored on the next open. Thread-safe.
 */
public final class VectorCache implements Embedder {

    private final Embedder delegate;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();

    public VectorCache(Embedder delegate, Path file) {
        this.delegate = delegate;
        this.file = file;
        load();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public synchronized List<float[]> embed(List<String> texts) {
        List<String> keys = texts.stream().map(this::key).toList();
        List<String> missing = new ArrayList<>();
        List<String> missingKeys = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!vectors.containsKey(keys.get(i)) && !missingKeys.contains(keys.get(i))) {
                missing.add(texts.get(i));
                missingKeys.add(keys.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> fresh = delegate.embed(missing);
            append(missingKeys, fresh);
            for (int i = 0; i < fresh.size(); i++) {
                vectors.put(missingKeys.get(i), fresh.get(i));
            }
        }
        return keys.stream().map(vectors::get).toList();
    }

    /** How many vectors the file holds. */
    public synchronized int size() {
        return vectors.size();
    }

    private String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(delegate.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key;
                float[] v;
                try {
                    key = in.readUTF();
                    v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                } catch (EOFException torn) {
                    return; // the end, or an entry cut off by a crash
                }
                vectors.put(key, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(List<String> keys, List<float[]> fresh) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (int i = 0; i < keys.size(); i++) {
                    out.writeUTF(keys.get(i));
                    out.writeInt(fresh.get(i).length);
                    for (float f : fresh.get(i)) {
                        out.writeFloat(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + file + ": " + e.getMessage(), e);
        }
    }
}
