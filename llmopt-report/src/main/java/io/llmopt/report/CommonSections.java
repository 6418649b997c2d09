package io.llmopt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.store.EventLevel;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunRecord;
import java.util.List;
import java.util.Locale;

/** The sections every report has: usage and cost per role from the call log, warnings, and the configuration. */
final class CommonSections {

    static final int EVENTS_SHOWN = 20;
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private CommonSections() {
    }

    static ReportSection usage(ReportContext ctx) {
        List<LlmCallRecord> calls = ctx.store().calls(ctx.runId());
        Table table = new Table("role", "models", "calls", "cache hits", "errors", "prompt tokens", "completion tokens",
                "cost", "mean at server", "mean slot wait");
        for (RoleUsage u : UsageByRole.of(calls)) {
            row(table, u);
        }
        if (!calls.isEmpty()) {
            row(table, UsageByRole.total(calls));
        }
        if (table.isEmpty()) {
            return new ReportSection("usage", "Usage and cost", "<p>No model call was logged for this run.</p>\n",
                    "No model call was logged for this run.\n");
        }
        String note = "From the run's call log. Cost is in the price table's currency; cache hits cost nothing."
                + " Mean at server: from sending a request to its reply; mean slot wait: queued for a slot"
                + " under the model's concurrency and rate limits, before being sent (– when not measured).";
        return new ReportSection("usage", "Usage and cost", table.cssClass("usage").html()
                + "<p class=\"note\">" + Html.escape(note) + "</p>\n", table.markdown() + "\n" + note + "\n");
    }

    private static void row(Table table, RoleUsage u) {
        table.row(Table.Cell.text(u.role()), Table.Cell.text(u.models()), Table.Cell.number(String.valueOf(u.calls())),
                Table.Cell.number(String.valueOf(u.cacheHits())), Table.Cell.number(String.valueOf(u.errors())),
                Table.Cell.number(String.valueOf(u.promptTokens())), Table.Cell.number(String.valueOf(u.completionTokens())),
                Table.Cell.number(Format.cost(u.cost())),
                Table.Cell.number(millis(u.meanServerMillis())),
                Table.Cell.number(u.meanSlotWaitMillis() == null ? "–" : millis(u.meanSlotWaitMillis())));
    }

    /** Whole milliseconds, or a tenth below 10 ms: a local server answers in well under one. */
    static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** The run's provider batch jobs, one row each; absent when it ran none. */
    static java.util.Optional<ReportSection> batchJobs(ReportContext ctx) {
        List<BatchJobRow> jobs = BatchJobRows.of(ctx.store().events(ctx.runId()));
        if (jobs.isEmpty()) {
            return java.util.Optional.empty();
        }
        Table table = new Table("job", "model", "requests", "status", "duration", "cost", "saved");
        for (BatchJobRow j : jobs) {
            table.row(Table.Cell.text(j.batchId()), Table.Cell.text(j.model()),
                    Table.Cell.number(String.format(Locale.ROOT, "%,d", j.requests())), Table.Cell.text(j.status()),
                    Table.Cell.number(j.ended() ? seconds(j.durationMs()) : "–"),
                    Table.Cell.number(j.ended() ? Format.cost(j.cost()) : "–"),
                    Table.Cell.number(j.ended() ? Format.cost(j.saved()) : "–"));
        }
        long running = jobs.stream().filter(j -> !j.ended()).count();
        String note = String.format(Locale.ROOT, "%d job(s); saved %s against the same calls made live (the price"
                + " table's batch factor).", jobs.size(), Format.cost(BatchJobRows.saved(jobs)))
                + (running > 0 ? " A job with no end was left running at the provider when the run stopped; resuming"
                + " the run collects it." : "");
        return java.util.Optional.of(new ReportSection("batch-jobs", "Batch jobs", table.html()
                + "<p class=\"note\">" + Html.escape(note) + "</p>\n", table.markdown() + "\n" + note + "\n"));
    }

    /** "3.2 s", "4m 05s": a batch job takes seconds to hours. */
    static String seconds(long millis) {
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : Format.duration(java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(millis));
    }

    /** Warnings and errors the run recorded, newest last; absent when there were none. */
    static java.util.Optional<ReportSection> problems(ReportContext ctx) {
        List<EventRecord> problems = ctx.store().events(ctx.runId()).stream()
                .filter(e -> e.level() == EventLevel.WARN || e.level() == EventLevel.ERROR).toList();
        if (problems.isEmpty()) {
            return java.util.Optional.empty();
        }
        Table table = new Table("time", "level", "type", "message");
        for (EventRecord e : problems.subList(Math.max(0, problems.size() - EVENTS_SHOWN), problems.size())) {
            table.row(Table.Cell.text(Format.time(e.at())), Table.Cell.text(e.level().name().toLowerCase(Locale.ROOT)),
                    Table.Cell.text(e.type()), Table.Cell.text(e.message()));
        }
        String note = problems.size() > EVENTS_SHOWN ? "The last " + EVENTS_SHOWN + " of " + problems.size() + "." : "";
        return java.util.Optional.of(new ReportSection("problems", "Warnings and errors",
                table.html() + (note.isEmpty() ? "" : "<p class=\"note\">" + note + "</p>\n"), table.markdown() + note));
    }

    static ReportSection configuration(RunRecord run) {
        String pretty = pretty(run.configJson());
        return new ReportSection("configuration", "Configuration",
                "<p class=\"note\">As stored with the run; secrets were redacted before they reached the store.</p>\n"
                        + "<pre class=\"config\">" + Html.escape(pretty) + "</pre>\n",
                Markdown.fenced(pretty));
    }

    static String pretty(String json) {
        try {
            JsonNode tree = ReportJson.tree(json);
            return tree == null ? "{}" : PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return json;
        }
    }
}
