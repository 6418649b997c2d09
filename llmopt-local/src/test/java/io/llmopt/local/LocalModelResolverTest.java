package io.llmopt.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import io.llmopt.core.config.UserFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalModelResolverTest {

    @TempDir
    Path temp;

    private LocalModelResolver resolver() {
        // nothing listens on port 9: a test that reaches the network fails loudly
        return new LocalModelResolver(temp.resolve("cache"), new ModelDownloader("http://127.0.0.1:9", Duration.ofSeconds(1), Duration.ofSeconds(1)),
                ModelDownloadProgress.NONE);
    }

    @Test
    void a_gguf_path_is_used_as_it_is() throws IOException {
        Path file = Files.write(temp.resolve("my.gguf"), new byte[] {0});

        assertThat(resolver().resolve(file.toString())).isEqualTo(file.toAbsolutePath());
        assertThatThrownBy(() -> resolver().resolve(temp.resolve("missing.gguf").toString())).hasMessageContaining("does not exist");
    }

    @Test
    void a_catalogue_name_resolves_to_its_cached_file_ignoring_case() throws IOException {
        CatalogModel model = LocalModelCatalog.defaultModel();
        Path cached = temp.resolve("cache").resolve(model.fileName());
        Files.createDirectories(cached.getParent());
        Files.write(cached, new byte[] {0});

        assertThat(resolver().resolve(model.name().toUpperCase())).isEqualTo(cached);
    }

    @Test
    void an_unknown_name_lists_the_catalogue() {
        assertThatThrownBy(() -> resolver().resolve("gpt-5-local"))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining(LocalModelCatalog.DEFAULT_MODEL);
    }

    @Test
    void the_cache_folder_follows_the_environment() {
        String javaHome = "/home/u";

        assertThat(LocalModelResolver.defaultCacheDir(new UserFolders(Map.of(), javaHome)))
                .isEqualTo(Path.of("/home/u/.cache/llmopt/models"));
        assertThat(LocalModelResolver.defaultCacheDir(new UserFolders(Map.of("HOME", "/h"), javaHome)))
                .as("HOME from the environment").isEqualTo(Path.of("/h/.cache/llmopt/models"));
        assertThat(LocalModelResolver.defaultCacheDir(new UserFolders(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"), javaHome)))
                .isEqualTo(Path.of("/x/llmopt/models"));
        assertThat(LocalModelResolver.defaultCacheDir(new UserFolders(Map.of("LLMOPT_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x"), javaHome)))
                .isEqualTo(Path.of("/c/models"));
        assertThat(LocalModelResolver.defaultCacheDir(new UserFolders(Map.of("LLMOPT_MODEL_DIR", "/m", "LLMOPT_CACHE_DIR", "/c"), javaHome)))
                .isEqualTo(Path.of("/m"));
    }

    @Test
    void the_catalogue_has_a_default_and_unique_names_and_files() {
        assertThat(LocalModelCatalog.find(LocalModelCatalog.DEFAULT_MODEL)).isPresent();
        assertThat(LocalModelCatalog.DEFAULT_SPEC).isEqualTo("local:" + LocalModelCatalog.DEFAULT_MODEL);
        assertThat(LocalModelCatalog.models()).extracting(CatalogModel::name).doesNotHaveDuplicates();
        assertThat(LocalModelCatalog.models()).extracting(CatalogModel::fileName).allMatch(f -> f.endsWith(".gguf"));
        assertThat(LocalModelCatalog.defaultModel().downloadUri(ModelDownloader.HUGGING_FACE).toString())
                .isEqualTo("https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }
}
