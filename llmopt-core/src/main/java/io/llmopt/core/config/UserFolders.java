package io.llmopt.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The user's home and llmopt's cache folder, as the environment says: every cache (responses,
 * data sets, models) lives under {@link #cacheDir()}.
 *
 * <p>The cache folder is {@code $LLMOPT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/llmopt}, else
 * {@code $HOME/.cache/llmopt}. {@code HOME} is read from the environment first because a user who
 * sets it (a sandbox, a CI job, {@code HOME=/tmp/x llmopt ...}) expects it to count; Java's
 * {@code user.home} comes from the password database and ignores it.
 */
public final class UserFolders {

    /** Overrides the whole cache folder; read here, so the configuration layer skips it. */
    public static final String CACHE_DIR_VARIABLE = "LLMOPT_CACHE_DIR";

    private final Map<String, String> env;
    private final String javaHome;

    /** @param javaHome the home folder when the environment has no {@code HOME} (Java's {@code user.home}) */
    public UserFolders(Map<String, String> env, String javaHome) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
    }

    /** This process's environment. */
    public static UserFolders system() {
        return new UserFolders(System.getenv(), System.getProperty("user.home"));
    }

    public Path home() {
        String home = value("HOME");
        return Path.of(home != null ? home : javaHome);
    }

    /** llmopt's cache folder (see the class comment for the order). */
    public Path cacheDir() {
        String explicit = value(CACHE_DIR_VARIABLE);
        if (explicit != null) {
            return expand(explicit);
        }
        String xdg = value("XDG_CACHE_HOME");
        Path root = xdg != null ? expand(xdg) : home().resolve(".cache");
        return root.resolve("llmopt");
    }

    /** A named part of the cache folder: {@code data}, {@code models}. */
    public Path cacheDir(String part) {
        return cacheDir().resolve(part);
    }

    /** A path as users write it: a leading "~" is {@link #home()}. */
    public Path expand(String path) {
        if (path.equals("~")) {
            return home();
        }
        if (path.startsWith("~/")) {
            return home().resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /** The variable's value, or null when unset or blank (an empty variable means "not set"). */
    public String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
