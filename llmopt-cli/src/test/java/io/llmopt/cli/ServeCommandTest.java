package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.RunStore;
import io.llmopt.report.SampleRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesTheStoreUntilInterrupted() throws Exception {
        Path db = dir.resolve("runs.db");
        String run;
        try (RunStore store = RunStore.open(db)) {
            run = SampleRuns.linreg(store);
        }
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> {
            var cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            exit.set(cl.execute("serve", "--port", "0", "--store", db.toString()));
        });
        serving.start();
        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)\\s").matcher("");
        for (int i = 0; i < 100 && !url.reset(out.toString()).find(); i++) {
            Thread.sleep(100);
        }
        assertThat(url.find(0)).as(out.toString()).isTrue();
        HttpResponse<String> runs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1) + "api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).contains(run);
        serving.interrupt();
        serving.join(10_000);
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aMissingStoreIsAUsageError() {
        CliRunner.Result r = CliRunner.run("serve", "--port", "0", "--store", dir.resolve("nope.db").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no run store");
    }

    @Test
    void aTokenIsGeneratedOnlyWhereOtherMachinesCanConnect() {
        ServeCommand c = new ServeCommand();
        c.host = "127.0.0.1";
        assertThat(c.accessToken(Map.of())).isNull();
        assertThat(c.accessToken(Map.of(ServeCommand.TOKEN_ENV, "from-env"))).isEqualTo("from-env");
        c.host = "0.0.0.0";
        assertThat(c.accessToken(Map.of())).hasSize(64);
        c.token = "given";
        assertThat(c.accessToken(Map.of(ServeCommand.TOKEN_ENV, "from-env"))).isEqualTo("given");
    }
}
