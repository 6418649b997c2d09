package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's configuration is stored, but a key in it must never reach the file's bytes. */
class SecretsNeverStoredTest {

    private static final String KEY = "sk-proj-THISisAsecretKEY0123456789";

    @TempDir
    Path dir;

    @Test
    void keysInTheConfigAreRedactedBeforeTheyReachTheFile() throws Exception {
        String config = """
                {"models": {"gpt": {"spec": "openai:gpt-4o-mini", "api_key": "%1$s", "max_tokens": 256,
                  "headers": {"Authorization": "Bearer %1$s"}}},
                 "extra": [{"note": "%1$s"}], "apiKey": "%1$s", "token": "%1$s"}
                """.formatted(KEY);
        Path file = dir.resolve("runs.db");
        String runId;
        try (RunStore store = RunStore.open(file)) {
            runId = store.createRun("opro-prompt", null, new ObjectMapper().readTree(config)).id();
            String stored = store.run(runId).orElseThrow().configJson();
            assertThat(stored).doesNotContain(KEY).contains("\"max_tokens\":256").contains("openai:gpt-4o-mini");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(KEY).doesNotContain("THISisAsecretKEY");
            }
        }
    }
}
