package io.llmopt.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisorOptionsTest {

    @Test
    void the_child_command_names_the_server_by_class_and_isolates_the_native_library() {
        SupervisorOptions options = SupervisorOptions.builder(Path.of("/m/model.gguf"), "qwen").threads(2).contextPerSlot(4096)
                .classpath("a.jar:b.jar").build();

        List<String> cmd = options.command(4321, Path.of("/tmp/native-1"));

        assertThat(cmd.get(0)).endsWith("java");
        assertThat(cmd).contains("--enable-native-access=ALL-UNNAMED", "-Dde.kherud.llama.tmpdir=/tmp/native-1",
                SupervisorOptions.SERVER_MAIN_CLASS, "--exit-with-parent");
        assertThat(cmd).containsSequence("-cp", "a.jar:b.jar");
        assertThat(cmd).containsSequence("--model", "/m/model.gguf");
        assertThat(cmd).containsSequence("--host", "127.0.0.1");
        assertThat(cmd).containsSequence("--port", "4321");
        assertThat(cmd).containsSequence("--threads", "2");
        assertThat(cmd).containsSequence("--context", "4096");
        assertThat(cmd.indexOf(SupervisorOptions.SERVER_MAIN_CLASS)).isGreaterThan(cmd.indexOf("-cp"));
    }

    @Test
    void invalid_values_are_refused() {
        assertThatThrownBy(() -> SupervisorOptions.builder(Path.of("m.gguf"), "m").parallel(0).build())
                .hasMessageContaining("parallel");
        assertThatThrownBy(() -> SupervisorOptions.builder(Path.of("m.gguf"), "m").threads(0).build())
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> SupervisorOptions.builder(Path.of("m.gguf"), "m").contextPerSlot(10).build())
                .hasMessageContaining("context");
    }
}
