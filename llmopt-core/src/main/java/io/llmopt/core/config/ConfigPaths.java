package io.llmopt.core.config;

import java.nio.file.Path;

/** Path settings as users write them: "~" is the home folder. */
public final class ConfigPaths {

    private ConfigPaths() {
    }

    public static Path expand(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), path.substring(2));
        }
        return Path.of(path);
    }
}
