package io.llmopt.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.WorkItem;
import io.llmopt.core.text.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports everything the store holds for one run: the run, steps, candidates with their scores,
 * per-example results, the call log, events and work items. JSON is one file; CSV is one file per
 * table, for spreadsheets and pandas. Configuration and payloads stay JSON inside CSV cells.
 */
public final class RunExporter {

    /** The export formats. */
    public enum Format { CSV, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunStore store;

    public RunExporter(RunStore store) {
        this.store = store;
    }

    /**
     * Writes the export of {@code runId} into {@code dir}: {@code <id>.json}, or {@code <id>-<table>.csv}
     * for each table. Returns the files written.
     */
    public List<Path> export(String runId, Format format, Path dir) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in " + store.file()));
        try {
            Files.createDirectories(dir);
            return format == Format.JSON ? List.of(json(run, dir)) : csv(run, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export run " + runId + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path json(RunRecord run, Path dir) throws IOException {
        Path file = dir.resolve(run.id() + ".json");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeFieldName("run");
            JSON.writeTree(g, runNode(run));
            writeArray(g, "steps", store.steps(run.id()).stream().map(s -> rowNode(TableRows.STEP, TableRows.step(s))).toList());
            List<CandidateRecord> candidates = store.candidates(run.id());
            writeArray(g, "candidates", candidates.stream().map(c -> rowNode(TableRows.CANDIDATE, TableRows.candidate(c))).toList());
            g.writeArrayFieldStart("example_results");
            for (ExampleResult r : exampleResults(run.id(), candidates)) {
                JSON.writeTree(g, rowNode(TableRows.EXAMPLE_RESULT, TableRows.exampleResult(r)));
            }
            g.writeEndArray();
            writeArray(g, "calls", store.calls(run.id()).stream().map(c -> rowNode(TableRows.CALL, TableRows.call(c))).toList());
            writeArray(g, "events", store.events(run.id()).stream().map(this::eventNode).toList());
            writeArray(g, "work_items", store.workItems(run.id()).stream().map(this::workItemNode).toList());
            g.writeEndObject();
        }
        return file;
    }

    private List<Path> csv(RunRecord run, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<CandidateRecord> candidates = store.candidates(run.id());
        files.add(csvFile(dir, run, "run", TableRows.RUN, List.of(TableRows.run(run))));
        files.add(csvFile(dir, run, "steps", TableRows.STEP, store.steps(run.id()).stream().map(TableRows::step).toList()));
        files.add(csvFile(dir, run, "candidates", TableRows.CANDIDATE, candidates.stream().map(TableRows::candidate).toList()));
        files.add(csvFile(dir, run, "example_results", TableRows.EXAMPLE_RESULT,
                exampleResults(run.id(), candidates).stream().map(TableRows::exampleResult).toList()));
        files.add(csvFile(dir, run, "calls", TableRows.CALL, store.calls(run.id()).stream().map(TableRows::call).toList()));
        files.add(csvFile(dir, run, "events", TableRows.EVENT, store.events(run.id()).stream().map(TableRows::event).toList()));
        files.add(csvFile(dir, run, "work_items", TableRows.WORK_ITEM, store.workItems(run.id()).stream().map(TableRows::workItem).toList()));
        return files;
    }

    private static Path csvFile(Path dir, RunRecord run, String table, List<String> header, List<List<Object>> rows)
            throws IOException {
        Path file = dir.resolve(run.id() + "-" + table + ".csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Csv.row(header));
            for (List<Object> row : rows) {
                w.write(Csv.row(row));
            }
        }
        return file;
    }

    private List<ExampleResult> exampleResults(String runId, List<CandidateRecord> candidates) {
        List<ExampleResult> all = new ArrayList<>();
        for (CandidateRecord c : candidates) {
            for (Split split : Split.values()) {
                all.addAll(store.exampleResults(runId, c.id(), split));
            }
        }
        return all;
    }

    private static void writeArray(JsonGenerator g, String name, List<? extends JsonNode> nodes) throws IOException {
        g.writeArrayFieldStart(name);
        for (JsonNode n : nodes) {
            JSON.writeTree(g, n);
        }
        g.writeEndArray();
    }

    private static ObjectNode runNode(RunRecord run) {
        ObjectNode node = rowNode(TableRows.RUN, TableRows.run(run));
        // configuration and summary are JSON already: nest them rather than quote them
        node.set("config", ReportJson.tree(run.configJson()));
        node.set("summary", ReportJson.tree(run.summaryJson()));
        return node;
    }

    private ObjectNode eventNode(EventRecord e) {
        ObjectNode node = rowNode(TableRows.EVENT, TableRows.event(e));
        node.set("data", parsedOrText(e.dataJson()));
        return node;
    }

    private ObjectNode workItemNode(WorkItem item) {
        ObjectNode node = rowNode(TableRows.WORK_ITEM, TableRows.workItem(item));
        node.set("payload", parsedOrText(item.payloadJson()));
        return node;
    }

    private static JsonNode parsedOrText(String json) {
        try {
            return ReportJson.tree(json);
        } catch (IllegalArgumentException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static ObjectNode rowNode(List<String> header, List<Object> row) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            node.set(header.get(i), JSON.valueToTree(row.get(i)));
        }
        return node;
    }
}
