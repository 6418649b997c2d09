package io.llmopt.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.SampleRuns;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint over real HTTP against a store filled with the sample runs. */
class DashboardHttpTest {

    @TempDir
    static Path dir;

    static RunStore store;
    static DashboardServer server;
    static String opro;
    static String linreg;
    static String tsp;
    static String bpo;
    static String pairs;
    static String other;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = RunStore.open(dir.resolve("runs.db"));
        opro = SampleRuns.oproPrompt(store, "gsm8k q_begin", 0.55);
        other = SampleRuns.oproPrompt(store, "gsm8k a_begin", 0.6);
        SampleRuns.batchJobs(store, other);
        linreg = SampleRuns.linreg(store);
        tsp = SampleRuns.tsp(store);
        bpo = SampleRuns.bpoEval(store);
        pairs = SampleRuns.bpoPairs(store);
        server = DashboardServer.start(store, DashboardOptions.local(0).withPollInterval(Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return WebExchange.JSON.readTree(r.body());
    }

    @Test
    void theRunListHasEveryRunWithItsHeadlineSortableNumbersAndCost() throws Exception {
        JsonNode runs = json("/api/runs").get("runs");
        assertThat(runs).hasSize(6);
        JsonNode first = find(runs, opro);
        assertThat(first.get("kind").asText()).isEqualTo("opro-prompt");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("headline").asText()).endsWith("test");
        assertThat(first.get("best").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("cost").asDouble()).isGreaterThan(0.1);
        JsonNode numeric = find(runs, linreg);
        assertThat(numeric.get("best").asDouble()).isEqualTo(12.3);
        assertThat(numeric.get("higher_is_better").asBoolean()).isFalse();
        assertThat(find(runs, bpo).get("best").asDouble()).isBetween(0.3, 0.7);
        assertThat(find(runs, pairs).get("best").isNull()).isTrue();
    }

    @Test
    void anOproRunHasItsCandidatesScoresMetaPromptAndBest() throws Exception {
        JsonNode d = json("/api/runs/" + opro);
        assertThat(d.at("/run/config/api_key").asText()).doesNotContain("sk-secret");
        JsonNode o = d.get("opro");
        assertThat(o.get("steps")).hasSize(6);
        assertThat(o.get("meta_prompt").asText()).contains("<INS>");
        assertThat(o.get("meta_prompt_step").asInt()).isEqualTo(5);
        assertThat(o.get("candidates")).hasSize(21);
        assertThat(o.at("/best/text").asText()).isNotBlank();
        assertThat(o.get("candidates").get(0).get("train").isNumber()).isTrue();
        assertThat(d.get("usage")).extracting(u -> u.get("role").asText()).containsExactly("scorer", "optimizer");
        assertThat(d.get("events").get(0).get("message").asText()).contains(SampleRuns.SCRIPT);
        assertThat(d.get("stop_requested").asBoolean()).isFalse();
    }

    @Test
    void aRunsBatchJobsComeOneEachWithTheirStatusDurationCostAndSaving() throws Exception {
        JsonNode jobs = json("/api/runs/" + other).get("batch_jobs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).get("id").asText()).isEqualTo("batch_a1");
        assertThat(jobs.get(0).get("requests").asInt()).isEqualTo(2088);
        assertThat(jobs.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(jobs.get(0).get("duration_ms").asLong()).isEqualTo(3200);
        assertThat(jobs.get(0).get("cost").asDouble()).isEqualTo(0.21);
        assertThat(jobs.get(0).get("saved").asDouble()).isEqualTo(0.21);
        assertThat(jobs.get(1).get("status").asText()).isEqualTo("running");
        assertThat(jobs.get(1).has("saved")).isFalse();
        assertThat(json("/api/runs/" + opro).get("batch_jobs")).isEmpty();
    }

    @Test
    void aCandidateDrillsDownToItsPerExampleResults() throws Exception {
        JsonNode r = json("/api/runs/" + opro + "/candidates/0/examples?split=test");
        assertThat(r.get("split").asText()).isEqualTo("test");
        assertThat(r.get("results")).hasSize(SampleRuns.TEST);
        assertThat(r.get("accuracy_display").asText()).contains("n=" + SampleRuns.TEST);
        JsonNode one = r.get("results").get(0);
        assertThat(one.has("output")).isTrue();
        assertThat(one.has("parsed_answer")).isTrue();
        assertThat(one.get("correct").isBoolean()).isTrue();
        assertThat(json("/api/runs/" + opro + "/candidates/0/examples").get("results")).hasSize(SampleRuns.TRAIN);
        assertThat(get("/api/runs/" + opro + "/candidates/0/examples?split=../../etc").statusCode()).isEqualTo(400);
        assertThat(get("/api/runs/" + opro + "/candidates/999/examples").statusCode()).isEqualTo(404);
    }

    @Test
    void theDrillDownShowsTheQuestionAndTargetTheRunRecorded() throws Exception {
        String id = json("/api/runs/" + opro + "/candidates/0/examples?split=test").get("results").get(1).get("example_id").asText();
        store.transactionAndWait(tx -> tx.workItem(io.llmopt.core.store.WorkItem.done(opro,
                io.llmopt.core.report.RunKinds.OPRO_EXAMPLE_ITEM, id,
                "{\"split\":\"test\",\"question\":\"What is <b>6</b> times 7?\",\"target\":\"42\"}")));
        JsonNode rows = json("/api/runs/" + opro + "/candidates/0/examples?split=test").get("results");
        JsonNode row = rows.get(1);
        assertThat(row.get("question").asText()).isEqualTo("What is <b>6</b> times 7?");
        assertThat(row.get("target").asText()).isEqualTo("42");
        assertThat(rows.get(0).get("question").isNull()).as("examples without recorded text show their id only").isTrue();
    }

    @Test
    void numericRunsHaveTheirEvaluationsAndSummary() throws Exception {
        JsonNode n = json("/api/runs/" + linreg).get("numeric");
        assertThat(n.get("evaluations").size()).isGreaterThan(50);
        assertThat(n.get("best_value").asDouble()).isEqualTo(12.3);
        assertThat(n.get("direction").asText()).isEqualTo("minimize");
        assertThat(n.at("/summary/true_w").asDouble()).isEqualTo(3.0);
        JsonNode t = json("/api/runs/" + tsp).get("numeric");
        assertThat(t.get("gap").asDouble()).isCloseTo(55.0 / 52.5 - 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.at("/summary/best_tour")).hasSize(8);
    }

    @Test
    void bpoRunsHaveWinRatesAndSideBySideComparisons() throws Exception {
        JsonNode b = json("/api/runs/" + bpo).get("bpo");
        assertThat(b.get("rates").get(0).get("category").asText()).isEqualTo("all");
        assertThat(b.get("rates").get(0).get("n").asInt()).isEqualTo(60);
        assertThat(b.get("rates")).extracting(r -> r.get("category").asText()).contains("coding", "math", "writing");
        JsonNode first = b.get("judgements").get(0);
        assertThat(first.get("original").asText()).contains(SampleRuns.SCRIPT);
        assertThat(first.get("original_response").asText()).isNotBlank();
        assertThat(first.get("diff")).anySatisfy(s -> assertThat(s.get("kind").asText()).isEqualTo("insert"));
        assertThat(json("/api/runs/" + pairs).at("/bpo/pairs")).hasSize(10);
    }

    @Test
    void compareShowsBestResultsAndThePairedTest() throws Exception {
        JsonNode c = json("/api/compare?ids=" + opro + "," + other);
        assertThat(c.get("runs")).hasSize(2);
        boolean bothTested = c.at("/runs/0/best/test").isNumber() && c.at("/runs/1/best/test").isNumber();
        if (bothTested) {
            // the sample runs use the same test example ids, so every one is shared
            assertThat(c.at("/runs/0/best/test_display").asText()).contains("n=60");
            assertThat(c.at("/runs/1/paired_test/shared").asInt()).isEqualTo(SampleRuns.TEST);
            assertThat(c.at("/runs/1/paired_test/display").asText()).contains("p");
        } else {
            assertThat(c.at("/runs/1/paired_test").isMissingNode()).isTrue();
        }
        assertThat(c.at("/runs/0/best/train_display").asText()).contains("n=" + SampleRuns.TRAIN);
        assertThat(c.at("/runs/0/curve").size()).isEqualTo(6);
        assertThat(get("/api/compare?ids=" + opro).statusCode()).isEqualTo(400);
        assertThat(get("/api/compare?ids=" + opro + ",nope").statusCode()).isEqualTo(404);
        assertThat(get("/api/compare?ids=" + opro + ",..%2F..%2Fetc").statusCode()).isEqualTo(404);
    }

    @Test
    void exportsDownloadThroughTheReportModulesExporter() throws Exception {
        HttpResponse<String> j = get("/api/runs/" + opro + "/export?format=json");
        assertThat(j.statusCode()).isEqualTo(200);
        assertThat(j.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"" + opro + ".json\"");
        assertThat(WebExchange.JSON.readTree(j.body()).get("candidates")).hasSize(21);

        HttpResponse<byte[]> csv = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/runs/" + opro + "/export?format=csv")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.headers().firstValue("Content-Type")).contains("application/zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(csv.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains(opro + "-candidates.csv", opro + "-example_results.csv");
        assertThat(get("/api/runs/" + opro + "/export?format=xml").statusCode()).isEqualTo(400);
    }

    @Test
    void pagesAndAssetsComeFromTheClasspathWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<table class=\"grid\" id=\"runs\">");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get("/runs/" + opro).body()).contains("run.js");
        assertThat(get("/compare?ids=a,b").body()).contains("compare.js");
        assertThat(get("/static/common.js").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/static/style.css").statusCode()).isEqualTo(200);
        // no page script ever assigns HTML
        for (String js : List.of("common.js", "chart.js", "runs.js", "run.js", "compare.js")) {
            assertThat(get("/static/" + js).body()).as(js).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
        }
    }

    @Test
    void pathTraversalAndUnknownIdsNeverReachAFile() throws Exception {
        for (String path : List.of("/static/../../../../etc/passwd", "/static/..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/pom.xml",
                "/static/DashboardServer.class", "/static/io/llmopt/web/static/index.html", "/runs/..%2F..%2Fetc%2Fpasswd",
                "/api/runs/..%2Fruns.db", "/api/runs/%2e%2e", "/runs/no-such-run", "/api/runs/no-such-run", "/etc/passwd",
                "/api/runs/" + opro + "/export/../../../runs.db")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("root:").doesNotContain("SQLite format");
        }
    }

    @Test
    void theServerIsReadOnlyApartFromStopAndStopNeedsTheCsrfToken() throws Exception {
        String running = store.createRun("opro-prompt", "live one", null).id();
        store.updateStatus(running, RunStatus.RUNNING);
        URI stopUri = server.url().resolve("/api/runs/" + running + "/stop");
        HttpResponse<String> noCsrf = HTTP.send(HttpRequest.newBuilder(stopUri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(store.stopRequestedAfter(running, 0)).isFalse();

        String csrf = json("/api/session").get("csrf_token").asText();
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(stopUri).header(AccessGuard.CSRF_HEADER, csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(store.stopRequestedAfter(running, 0)).isTrue();
        assertThat(json("/api/runs/" + running).get("stop_requested").asBoolean()).isTrue();

        HttpResponse<String> finished = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/runs/" + opro + "/stop"))
                .header(AccessGuard.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(finished.statusCode()).isEqualTo(409);
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/runs/" + opro))
                .header(AccessGuard.CSRF_HEADER, csrf).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(store.run(opro)).isPresent();
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() throws Exception {
        // what a DNS-rebinding page would send: our address under its own name
        assertThat(rawGetStatus("/api/runs", "evil.example:" + server.port())).isEqualTo(403);
        assertThat(rawGetStatus("/api/runs", "localhost:" + server.port())).isEqualTo(200);
    }

    static int rawGetStatus(String path, String host) throws Exception {
        // java.net.http refuses to set Host, so this one request is written by hand
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void theLiveStreamPushesActivityWhenAnotherWriterAddsToTheRun() throws Exception {
        String live = store.createRun("opro-prompt", "streamed", null).id();
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/runs/" + live + "/live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines, "activity")).contains("\"steps\":0");
            try (RunStore writer = RunStore.open(store.file())) {
                writer.recordStep(new io.llmopt.core.store.StepRecord(live, 1, "meta", Instant.now(), null));
                writer.flush();
            }
            assertThat(nextData(lines, "activity")).contains("\"steps\":1");
        }
    }

    @Test
    void theListStreamSaysWhenAnyRunChanged() throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // the stream's first poll may report the state it found; a new run must be reported after it
            Thread.sleep(300);
            store.createRun("opro-prompt", "new in list", null);
            assertThat(nextData(lines, "runs")).contains("data_version");
        }
    }

    static String nextData(BufferedReader lines, String event) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String current = null;
        for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
            if (line.startsWith("event: ")) {
                current = line.substring(7);
            } else if (line.startsWith("data: ") && event.equals(current)) {
                return line.substring(6);
            }
        }
        throw new AssertionError("no " + event + " event within 10 s");
    }

    static JsonNode find(JsonNode runs, String id) {
        for (JsonNode r : runs) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no run " + id);
    }
}
