package io.llmopt.report;

import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a run's report by reading the run store: {@code report.html} (self-contained),
 * {@code report.md}, and every chart as PNG and SVG, into one folder. Runs may call this at their
 * end; {@code llmopt report ID} calls it on demand. Safe on a headless JVM.
 */
public final class ReportWriter {

    public static final String HTML_FILE = "report.html";
    public static final String MARKDOWN_FILE = "report.md";

    private ReportWriter() {
    }

    /** The default folder of a run's report: {@code <store folder>/<run id>}. */
    public static Path defaultDirectory(RunStore store, String runId) {
        return store.file().toAbsolutePath().getParent().resolve(runId);
    }

    /**
     * Writes the report of {@code runId} into {@code dir} (created if needed), replacing an older one.
     *
     * @throws IllegalArgumentException when the store has no such run
     * @throws UncheckedIOException     when the folder cannot be written
     */
    public static ReportFiles write(RunStore store, String runId, Path dir) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in " + store.file()));
        // charts render through Java2D; without a display that needs headless mode, which must be set before AWT loads
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + dir + ": " + e.getMessage(), e);
        }
        ChartWriter charts = new ChartWriter(dir);
        ReportContext ctx = new ReportContext(store, run, charts);
        List<ReportSection> sections = new ArrayList<>();
        kindSections(run.kind()).ifPresent(source -> sections.addAll(source.sections(ctx)));
        if (!RunKinds.OPRO_SWEEP.equals(run.kind())) {
            sections.add(CommonSections.usage(ctx)); // a sweep's calls are its runs', per setting above
        }
        CommonSections.batchJobs(ctx).ifPresent(sections::add);
        CommonSections.problems(ctx).ifPresent(sections::add);
        sections.add(CommonSections.configuration(run));

        List<String[]> facts = facts(store, run);
        Path html = dir.resolve(HTML_FILE);
        Path markdown = dir.resolve(MARKDOWN_FILE);
        try {
            Files.writeString(html, HtmlPage.render(run, factsHtml(facts), sections), StandardCharsets.UTF_8);
            Files.writeString(markdown, MarkdownPage.render(run, factsMarkdown(facts), sections), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        return new ReportFiles(html, markdown, charts.written());
    }

    private static Optional<SectionSource> kindSections(String kind) {
        if (RunKinds.OPRO_PROMPT.equals(kind)) {
            return Optional.of(new OproPromptSections());
        }
        if (RunKinds.OPRO_TRANSFER.equals(kind)) {
            return Optional.of(new TransferSections());
        }
        if (RunKinds.OPRO_SWEEP.equals(kind)) {
            return Optional.of(new SweepSections());
        }
        if (RunKinds.isNumeric(kind)) {
            return Optional.of(new NumericSections());
        }
        if (RunKinds.isBpo(kind)) {
            return Optional.of(new BpoSections());
        }
        return Optional.empty();
    }

    private static List<String[]> facts(RunStore store, RunRecord run) {
        // a sweep makes no calls itself: its runs do
        CallTotals totals = RunKinds.OPRO_SWEEP.equals(run.kind()) ? SweepReadout.read(store, run.id()).totals()
                : store.callTotals(run.id());
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"run", run.id()});
        facts.add(new String[] {"status", run.status().wireName()});
        facts.add(new String[] {"best", RunHeadline.of(store, run)});
        facts.add(new String[] {"cost", Format.cost(totals)});
        facts.add(new String[] {"started", Format.time(run.startedAt() != null ? run.startedAt() : run.createdAt())});
        facts.add(new String[] {"duration", Format.duration(run.startedAt(), run.finishedAt())});
        facts.add(new String[] {"model calls", String.format(Locale.ROOT, "%d (%d cached, %d failed%s), %d request(s) sent",
                totals.calls(), totals.cacheHits(), totals.errors(),
                totals.hasEstimate() ? ", " + totals.unsettled() + " reply lost" : "", totals.requests())});
        facts.add(new String[] {"tokens", String.valueOf(totals.totalTokens())});
        racing(store.candidates(run.id())).ifPresent(text -> facts.add(new String[] {"racing", text}));
        return facts;
    }

    /** For a run that raced: how many of the search steps' scored candidates were dropped early. */
    private static Optional<String> racing(List<CandidateRecord> candidates) {
        long racedOut = candidates.stream().filter(c -> c.status() == CandidateStatus.RACED_OUT).count();
        if (racedOut == 0) {
            return Optional.empty();
        }
        long raced = candidates.stream().filter(c -> c.step() > 0
                && (c.status() == CandidateStatus.RACED_OUT
                    || (c.status() == CandidateStatus.KEPT && c.trainScore() != null))).count();
        return Optional.of(String.format(Locale.ROOT, "%,d of %,d search candidates dropped early", racedOut, raced));
    }

    private static String factsHtml(List<String[]> facts) {
        StringBuilder out = new StringBuilder("<dl class=\"facts\">");
        for (String[] f : facts) {
            out.append("<dt>").append(Html.escape(f[0])).append("</dt><dd data-fact=\"").append(Html.escape(f[0])).append("\">")
                    .append(Html.escape(f[1])).append("</dd>");
        }
        return out.append("</dl>\n").toString();
    }

    private static String factsMarkdown(List<String[]> facts) {
        StringBuilder out = new StringBuilder();
        for (String[] f : facts) {
            out.append("- **").append(f[0]).append("**: ").append(Markdown.cell(f[1])).append('\n');
        }
        return out.toString();
    }
}
