package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    private static UserFolders folders(Map<String, String> env) {
        return new UserFolders(env, "/java/home");
    }

    @Test
    void home_is_the_environments_HOME_before_javas_user_home() {
        assertThat(folders(Map.of("HOME", "/tmp/sandbox")).home()).isEqualTo(Path.of("/tmp/sandbox"));
        assertThat(folders(Map.of()).home()).isEqualTo(Path.of("/java/home"));
        assertThat(folders(Map.of("HOME", " ")).home()).as("blank means unset").isEqualTo(Path.of("/java/home"));
    }

    @Test
    void the_cache_folder_is_LLMOPT_CACHE_DIR_then_XDG_CACHE_HOME_then_HOME() {
        Map<String, String> all = Map.of("LLMOPT_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x", "HOME", "/h");
        assertThat(folders(all).cacheDir()).isEqualTo(Path.of("/c"));
        assertThat(folders(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).cacheDir()).isEqualTo(Path.of("/x/llmopt"));
        assertThat(folders(Map.of("HOME", "/h")).cacheDir()).isEqualTo(Path.of("/h/.cache/llmopt"));
        assertThat(folders(Map.of()).cacheDir()).isEqualTo(Path.of("/java/home/.cache/llmopt"));
        assertThat(folders(Map.of("LLMOPT_CACHE_DIR", "", "HOME", "/h")).cacheDir()).isEqualTo(Path.of("/h/.cache/llmopt"));
        assertThat(folders(Map.of("LLMOPT_CACHE_DIR", "~/c", "HOME", "/h")).cacheDir()).isEqualTo(Path.of("/h/c"));
        assertThat(folders(Map.of("HOME", "/h")).cacheDir("data")).isEqualTo(Path.of("/h/.cache/llmopt/data"));
    }

    @Test
    void a_tilde_is_the_home_from_the_environment() {
        UserFolders f = folders(Map.of("HOME", "/h"));
        assertThat(f.expand("~")).isEqualTo(Path.of("/h"));
        assertThat(f.expand("~/keys/openai")).isEqualTo(Path.of("/h/keys/openai"));
        assertThat(f.expand("rel/~x")).isEqualTo(Path.of("rel/~x"));
    }

    @Test
    void the_response_cache_defaults_to_the_cache_folder_and_keeps_a_path_given() {
        UserFolders f = folders(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"));
        assertThat(new CacheConfig(null, null).resolvedPath(f)).isEqualTo(Path.of("/x/llmopt/responses.db"));
        assertThat(new CacheConfig("~/r.db", null).resolvedPath(f)).isEqualTo(Path.of("/h/r.db"));
    }

    @Test
    void LLMOPT_CACHE_DIR_is_not_read_as_a_configuration_key() throws Exception {
        LoadedConfig config = new ConfigLoader().environment(Map.of("LLMOPT_CACHE_DIR", "/c", "LLMOPT_CACHE_MODE", "off")).load();
        assertThat(config.settings().cache().mode()).isEqualTo(io.llmopt.core.cache.CacheMode.OFF);
        assertThat(config.settings().cache().path()).isNull();
        assertThat(config.warnings()).isEmpty();
    }
}
