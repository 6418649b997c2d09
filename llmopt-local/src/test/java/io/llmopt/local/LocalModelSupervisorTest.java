package io.llmopt.local;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The supervisor runs the real server in a child JVM and is reached through the HTTP backend. */
class LocalModelSupervisorTest {

    @TempDir
    Path temp;

    private SupervisorOptions options(Path model) {
        return SupervisorOptions.builder(model, "tiny")
                .parallel(2)
                .threads(1)
                .contextPerSlot(512)
                .startupTimeout(Duration.ofSeconds(60))
                .logFile(temp.resolve("child.log"))
                .build();
    }

    @Test
    void serves_through_the_http_backend_restarts_a_killed_child_and_stops_it_on_close() throws Exception {
        LocalModelSupervisor supervisor = LocalModelSupervisor.start(options(TinyModel.file()));
        LanguageModel model = supervisor.languageModel();
        long firstPid = supervisor.pid();
        try {
            ChatResponse before = model.call(ChatRequest.builder().user("hello").maxTokens(8).build());
            assertThat(before.completions()).hasSize(1);
            assertThat(model.info().provider()).isEqualTo("local");
            assertThat(supervisor.baseUrl()).startsWith("http://127.0.0.1:");

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
            awaitRestart(supervisor, firstPid);

            ChatResponse after = model.call(ChatRequest.builder().user("hello").maxTokens(8).build());
            assertThat(supervisor.restarts()).isEqualTo(1);
            // same weights, same greedy decoding: the restarted child answers exactly as before
            assertThat(after.text()).isEqualTo(before.text());
        } finally {
            model.close();
        }
        assertThat(supervisor.isRunning()).isFalse();
        assertThat(ProcessHandle.of(supervisor.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void a_corrupt_model_fails_the_start_with_the_childs_reason() throws Exception {
        Path corrupt = temp.resolve("corrupt.gguf");
        Files.write(corrupt, "definitely not a model file, just text".getBytes());

        assertThatThrownBy(() -> LocalModelSupervisor.start(options(corrupt)))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("exited with status " + LocalModelServer.EXIT_MODEL)
                .hasMessageContaining("GGUF magic");
    }

    private static void awaitRestart(LocalModelSupervisor supervisor, long oldPid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!(supervisor.isRunning() && supervisor.restarts() == 1 && supervisor.pid() != oldPid && healthy(supervisor))) {
            assertThat(Instant.now()).as("restart within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static boolean healthy(LocalModelSupervisor supervisor) {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(supervisor.baseUrl() + "/models")).build();
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
