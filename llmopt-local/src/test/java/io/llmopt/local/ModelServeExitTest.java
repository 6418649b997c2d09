package io.llmopt.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmopt model serve} with a model it cannot get exits as every command does for a failed download: 1, one line. */
class ModelServeExitTest {

    @TempDir
    Path dir;

    @Test
    void aModelThatCannotBeHadExitsWithOneLikeEveryOtherCommand() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalModelServer.run(new String[] {"--model", dir.resolve("missing.gguf").toString(), "--port", "0"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as("1 = run failed; 3 would read as 'budget reached'").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1).first().asString()
                .startsWith("llmopt model serve: ").contains("missing.gguf");
    }
}
