package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that is not running (or a typo in its URL), as a new user meets it: every command fails
 * at once with one line naming the URL and what to check, exit 1, and no run left running.
 */
@Timeout(60)
class UnreachableServerTest {

    @TempDir
    Path dir;

    private String deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }
    }

    private CliRunner.Result run(String url, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--model", "openai-compatible:" + url + "#m", "--store", dir.resolve("runs.db").toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--quiet"));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private List<RunRecord> runs() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            return store.runs();
        }
    }

    @Test
    void oproPromptFailsAtOnceNamingTheUrl() throws Exception {
        Path data = dir.resolve("sums.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            lines.append("{\"question\": \"What is ").append(i).append(" plus 1?\", \"answer\": \"").append(i + 1).append("\"}\n");
        }
        Files.writeString(data, lines);
        String url = deadUrl();
        long t0 = System.nanoTime();

        CliRunner.Result r = run(url, "opro", "prompt", "--dataset", data.toString(), "--steps", "1");

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .contains(url, "is the server running? curl " + url + "/models").doesNotContain("--resume");
        assertThat(runs()).hasSize(1).allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.FAILED));
    }

    @Test
    void numericAndBpoCommandsFailAtOnceNamingTheUrl() throws Exception {
        String url = deadUrl();
        CliRunner.Result tsp = run(url, "opro", "tsp", "--points", "5", "--steps", "2", "--reps", "1");
        assertThat(tsp.exitCode()).as(tsp.out() + tsp.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(tsp.out() + tsp.err()).contains("is the server running? curl " + url + "/models");

        Path prefs = dir.resolve("prefs.jsonl");
        Files.writeString(prefs, "{\"instruction\": \"Describe rain\", \"good_res\": \"Water falls.\", \"bad_res\": \"No.\"}\n");
        CliRunner.Result pairs = run(url, "bpo", "build-pairs", prefs.toString());
        assertThat(pairs.exitCode()).as(pairs.out() + pairs.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(pairs.out() + pairs.err()).contains("is the server running? curl " + url + "/models");

        assertThat(runs()).hasSize(2).noneSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.RUNNING));
    }
}
