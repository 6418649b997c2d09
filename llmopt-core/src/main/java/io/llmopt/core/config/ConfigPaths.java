package io.llmopt.core.config;

import java.nio.file.Path;

/** Path settings as users write them: "~" is the home folder ({@link UserFolders#home()}). */
public final class ConfigPaths {

    private ConfigPaths() {
    }

    public static Path expand(String path) {
        return path == null ? null : UserFolders.system().expand(path);
    }
}
