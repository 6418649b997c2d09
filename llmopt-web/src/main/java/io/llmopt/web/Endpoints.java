package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.report.RunExporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each URL does: the pages, the JSON API, the live streams and the two actions (export,
 * stop). Run ids from a request are checked for shape and then looked up in the store; nothing
 * from a request reaches the file system.
 */
final class Endpoints {

    /** Run ids as {@code RunIds} makes them, with room for hand-made ones, but never a path. */
    static final String RUN_ID = "([A-Za-z0-9][A-Za-z0-9_.-]{0,99})";
    private static final Pattern RUN_ID_PATTERN = Pattern.compile(RUN_ID);
    static final int MAX_COMPARED = 8;

    private final RunStore store;
    private final StaticAssets assets;
    private final LiveUpdates live;
    private final AccessGuard guard;

    Endpoints(RunStore store, StaticAssets assets, LiveUpdates live, AccessGuard guard) {
        this.store = store;
        this.assets = assets;
        this.live = live;
        this.guard = guard;
    }

    Router router() {
        return new Router()
                .get("/", (ex, g) -> page(ex, "index.html", runList()))
                .get("/runs/" + RUN_ID, (ex, g) -> runPage(ex, g.get(0)))
                .get("/compare", (ex, g) -> page(ex, "compare.html", compared(ex).map(runs -> CompareJson.of(store, runs)).orElse(null)))
                .get("/static/([A-Za-z0-9_-]+\\.[a-z]+)", (ex, g) -> asset(ex, g.get(0)))
                .get("/api/session", (ex, g) -> session(ex))
                .get("/api/runs", (ex, g) -> runs(ex))
                .get("/api/live", (ex, g) -> EventStream.serve(ex, live, null))
                .get("/api/compare", (ex, g) -> compare(ex))
                .get("/api/runs/" + RUN_ID, (ex, g) -> withRun(ex, g.get(0), run -> ex.json(200, RunDetailJson.of(store, run))))
                .get("/api/runs/" + RUN_ID + "/live", (ex, g) -> withRun(ex, g.get(0), run -> EventStream.serve(ex, live, run.id())))
                .get("/api/runs/" + RUN_ID + "/candidates/([0-9]{1,18})/examples",
                        (ex, g) -> withRun(ex, g.get(0), run -> examples(ex, run, Long.parseLong(g.get(1)))))
                .get("/api/runs/" + RUN_ID + "/export", (ex, g) -> withRun(ex, g.get(0), run -> export(ex, run)))
                .post("/api/runs/" + RUN_ID + "/stop", (ex, g) -> withRun(ex, g.get(0), run -> stop(ex, run)));
    }

    @FunctionalInterface
    private interface RunAction {
        void apply(RunRecord run) throws IOException;
    }

    private void withRun(WebExchange ex, String runId, RunAction action) throws IOException {
        Optional<RunRecord> run = store.run(runId);
        if (run.isEmpty()) {
            ex.error(404, "no run " + runId + " in this store");
            return;
        }
        action.apply(run.get());
    }

    private void asset(WebExchange ex, String name) throws IOException {
        Optional<StaticAssets.Asset> asset = assets.get(name);
        if (asset.isEmpty()) {
            ex.error(404, "not found");
            return;
        }
        ex.setHeader("Cache-Control", "no-cache");
        ex.bytes(200, asset.get().contentType(), asset.get().body());
    }

    private void runPage(WebExchange ex, String runId) throws IOException {
        Optional<RunRecord> run = store.run(runId);
        if (run.isEmpty()) {
            ex.bytes(404, "text/plain; charset=utf-8", "no such run in this store\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        page(ex, "run.html", RunDetailJson.of(store, run.get()));
    }

    /** A page with its first data inside ({@link FirstData}); without data (null), the page as it is. */
    private void page(WebExchange ex, String name, com.fasterxml.jackson.databind.JsonNode first) throws IOException {
        Optional<StaticAssets.Asset> asset = assets.get(name);
        if (asset.isEmpty() || first == null) {
            asset(ex, name);
            return;
        }
        ex.setHeader("Cache-Control", "no-store");
        ex.bytes(200, asset.get().contentType(), FirstData.embed(asset.get().body(), first));
    }

    private void session(WebExchange ex) throws IOException {
        ex.json(200, WebExchange.JSON.createObjectNode().put("csrf_token", guard.csrfToken())
                .put("store", store.file().getFileName().toString()));
    }

    private void runs(WebExchange ex) throws IOException {
        ex.json(200, runList());
    }

    private com.fasterxml.jackson.databind.node.ObjectNode runList() {
        ArrayNode list = WebExchange.JSON.createArrayNode();
        for (RunRecord run : store.runs()) {
            list.add(RunJson.listEntry(store, run));
        }
        return (com.fasterxml.jackson.databind.node.ObjectNode) WebExchange.JSON.createObjectNode().set("runs", list);
    }

    /** The runs {@code ?ids=} names when they are 2 to 8 runs of this store, else empty. */
    private Optional<List<RunRecord>> compared(WebExchange ex) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ex.query("ids").orElse("").split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.size() < 2 || ids.size() > MAX_COMPARED) {
            return Optional.empty();
        }
        List<RunRecord> runs = new ArrayList<>();
        for (String id : ids) {
            Optional<RunRecord> run = RUN_ID_PATTERN.matcher(id).matches() ? store.run(id) : Optional.empty();
            if (run.isEmpty()) {
                return Optional.empty();
            }
            runs.add(run.get());
        }
        return Optional.of(runs);
    }

    private void compare(WebExchange ex) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ex.query("ids").orElse("").split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.size() < 2 || ids.size() > MAX_COMPARED) {
            ex.error(400, "give 2 to " + MAX_COMPARED + " run ids: /api/compare?ids=ID,ID");
            return;
        }
        List<RunRecord> runs = new ArrayList<>();
        for (String id : ids) {
            Optional<RunRecord> run = RUN_ID_PATTERN.matcher(id).matches() ? store.run(id) : Optional.empty();
            if (run.isEmpty()) {
                ex.error(404, "no run " + id + " in this store");
                return;
            }
            runs.add(run.get());
        }
        ex.json(200, CompareJson.of(store, runs));
    }

    private void examples(WebExchange ex, RunRecord run, long candidateId) throws IOException {
        Optional<CandidateRecord> candidate = store.candidate(run.id(), candidateId);
        if (candidate.isEmpty()) {
            ex.error(404, "no candidate " + candidateId + " in run " + run.id());
            return;
        }
        Split split;
        try {
            split = Split.fromWire(ex.query("split").orElse("train"));
        } catch (IllegalArgumentException e) {
            ex.error(400, "split must be train, validation or test");
            return;
        }
        ex.json(200, ExampleResultsJson.of(store, candidate.get(), split));
    }

    private void export(WebExchange ex, RunRecord run) throws IOException {
        RunExporter.Format format;
        try {
            format = RunExporter.Format.valueOf(ex.query("format").orElse("json").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ex.error(400, "format must be json or csv");
            return;
        }
        ExportDownload.Download d = ExportDownload.of(store, run.id(), format);
        ex.setHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
        ex.setHeader("Cache-Control", "no-store");
        ex.bytes(200, d.contentType(), d.body());
    }

    private void stop(WebExchange ex, RunRecord run) throws IOException {
        if (run.status() != RunStatus.RUNNING) {
            ex.error(409, "run " + run.id() + " is " + run.status().wireName() + ", not running");
            return;
        }
        store.requestStop(run.id(), "the dashboard");
        ex.json(202, WebExchange.JSON.createObjectNode().put("stop_requested", true)
                .put("message", "the run stops after its current unit of work"));
    }
}
