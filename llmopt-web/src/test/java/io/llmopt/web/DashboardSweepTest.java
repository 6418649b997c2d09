package io.llmopt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.SampleRuns;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep on the dashboard: its settings with the ablation figures' numbers, and its runs to link to. */
class DashboardSweepTest {

    @TempDir
    Path dir;

    @Test
    void aSweepShowsItsSettingsFiguresAndRunsAndCountsItsRunsCalls() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String sweep = SampleRuns.oproSweep(store);
            try (DashboardServer server = DashboardServer.start(store, DashboardOptions.local(0).withPollInterval(Duration.ofMillis(100)))) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve("/api/runs/" + sweep)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode d = WebExchange.JSON.readTree(r.body());
                JsonNode w = d.get("sweep");
                assertThat(w.get("settings")).hasSize(2);
                JsonNode second = w.get("settings").get(1);
                assertThat(second.get("label").asText()).isEqualTo("candidates_per_step=8");
                assertThat(second.get("completed").asInt()).isEqualTo(2);
                assertThat(second.get("training")).hasSize(6);
                assertThat(second.get("training").get(5).get(1).asDouble()).isBetween(
                        second.get("training").get(5).get(2).asDouble(), second.get("training").get(5).get(3).asDouble());
                assertThat(second.at("/test/lower").asDouble()).isLessThan(second.at("/test/accuracy").asDouble());
                assertThat(second.at("/test/n").asInt()).isPositive();
                assertThat(w.get("runs")).hasSize(4).allSatisfy(run -> {
                    assertThat(run.get("id").asText()).isNotBlank();
                    assertThat(run.get("status").asText()).isEqualTo("completed");
                });
                // the list counts the runs' calls for the sweep, which makes none itself
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(server.url().resolve("/api/runs")).build(),
                        HttpResponse.BodyHandlers.ofString());
                long memberCalls = 0;
                for (JsonNode run : w.get("runs")) {
                    memberCalls += store.callTotals(run.get("id").asText()).calls();
                }
                for (JsonNode entry : WebExchange.JSON.readTree(list.body()).get("runs")) {
                    if (entry.get("id").asText().equals(sweep)) {
                        assertThat(entry.get("calls").asLong()).isEqualTo(memberCalls).isPositive();
                        assertThat(entry.get("headline").asText()).isEqualTo("2 settings, 4/4 runs completed");
                    }
                }
            }
        }
    }
}
