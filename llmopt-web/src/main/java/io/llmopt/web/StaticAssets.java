package io.llmopt.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The pages, scripts and styles, read once from the classpath. Only the names listed here exist:
 * a request path is looked up in this map and never turned into a file or resource name.
 */
final class StaticAssets {

    private static final String ROOT = "/io/llmopt/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String[] NAMES = {
        "index.html", "run.html", "compare.html", "common.js", "chart.js", "runs.js", "run.js", "compare.js",
        "style.css", "favicon.svg",
    };

    /** A loaded asset. */
    record Asset(String contentType, byte[] body) {
    }

    private final Map<String, Asset> assets;

    StaticAssets() {
        java.util.HashMap<String, Asset> loaded = new java.util.HashMap<>();
        for (String name : NAMES) {
            loaded.put(name, load(name));
        }
        this.assets = Map.copyOf(loaded);
    }

    Optional<Asset> get(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static Asset load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + name);
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return new Asset(TYPES.get(ext), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard asset " + name, e);
        }
    }
}
