package io.llmopt.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged files are refused in Java, before native code could crash on them. */
class GgufFileTest {

    @TempDir
    Path temp;

    @Test
    void reads_the_metadata_the_server_needs() {
        GgufFile gguf = GgufFile.read(TinyModel.file());

        assertThat(gguf.architecture()).isEqualTo("llama");
        assertThat(gguf.name()).isEqualTo("llmopt-tiny-test");
        assertThat(gguf.contextLength()).isEqualTo(8192);
        assertThat(gguf.hasChatTemplate()).isTrue();
        assertThat(gguf.tensorCount()).isEqualTo(2 + 2 * 9);
    }

    @Test
    void a_truncated_file_is_refused_with_the_sizes() throws IOException {
        Path cut = copy("cut.gguf");
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }

        assertThatThrownBy(() -> GgufFile.read(cut))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("bytes but the file has");
    }

    @Test
    void a_file_cut_inside_its_header_is_refused() throws IOException {
        Path cut = temp.resolve("header.gguf");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(TinyModel.file()), 4000));

        assertThatThrownBy(() -> GgufFile.read(cut)).isInstanceOf(LocalModelException.class).hasMessageContaining("truncated");
    }

    @Test
    void wrong_magic_bytes_are_refused() throws IOException {
        Path bad = copy("magic.gguf");
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            f.write("GGML".getBytes());
        }

        assertThatThrownBy(() -> GgufFile.read(bad)).isInstanceOf(LocalModelException.class).hasMessageContaining("magic");
    }

    @Test
    void random_bytes_and_empty_files_are_refused() throws IOException {
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);
        noise[0] = 'G';
        noise[1] = 'G';
        noise[2] = 'U';
        noise[3] = 'F';
        noise[4] = 3;
        noise[5] = noise[6] = noise[7] = 0;
        Path random = Files.write(temp.resolve("noise.gguf"), noise);
        Path empty = Files.write(temp.resolve("empty.gguf"), new byte[0]);

        assertThatThrownBy(() -> GgufFile.read(random)).isInstanceOf(LocalModelException.class).hasMessageContaining("not a usable GGUF");
        assertThatThrownBy(() -> GgufFile.read(empty)).isInstanceOf(LocalModelException.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> GgufFile.read(temp.resolve("missing.gguf"))).hasMessageContaining("does not exist");
    }

    @Test
    void the_engine_refuses_a_corrupt_file_before_loading_native_code() throws IOException {
        Path cut = copy("engine-cut.gguf");
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        assertThatThrownBy(() -> LlamaEngine.load(cut, "x", new EngineSettings(1, 512, 1, 128)))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("truncated");
    }

    private Path copy(String name) throws IOException {
        return Files.copy(TinyModel.file(), temp.resolve(name));
    }
}
