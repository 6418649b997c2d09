package io.llmopt.report;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sections of an OPRO prompt optimization run: the paper's plot of every candidate's training
 * accuracy per step with the running best, the validation curve, the best instructions with
 * intervals and a paired test against the baseline (the instructions of step 0), and the last
 * meta-prompt.
 */
final class OproPromptSections implements SectionSource {

    static final int BEST_SHOWN = 5;

    @Override
    public List<ReportSection> sections(ReportContext ctx) {
        List<CandidateRecord> candidates = ctx.store().candidates(ctx.runId());
        List<ReportSection> out = new ArrayList<>();
        out.add(curves(ctx, candidates));
        out.add(bestInstructions(ctx, candidates));
        lastMetaPrompt(ctx).ifPresent(out::add);
        return out;
    }

    private ReportSection curves(ReportContext ctx, List<CandidateRecord> candidates) {
        List<CandidateRecord> kept = candidates.stream().filter(c -> c.status() == CandidateStatus.KEPT).toList();
        long steps = candidates.stream().mapToInt(CandidateRecord::step).distinct().count();
        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        String counts = String.format(java.util.Locale.ROOT, "%d steps, %d candidates proposed, %d kept and scored.",
                steps, candidates.size(), kept.size());
        html.append("<p>").append(Html.escape(counts)).append("</p>\n");
        md.append(counts).append("\n\n");
        Optional<XYChart> train = accuracyChart(kept, CandidateRecord::trainScore, "Training accuracy per step",
                "training accuracy (%)");
        if (train.isPresent()) {
            RenderedChart chart = ctx.charts().write("training-accuracy", train.get());
            String caption = "Each dot is one instruction's training accuracy at the step that proposed it; the line is the best so far.";
            html.append(Figures.html(chart, caption));
            md.append(Figures.markdown(chart, caption));
        }
        Optional<XYChart> validation = accuracyChart(kept, CandidateRecord::validationScore, "Validation accuracy per step",
                "validation accuracy (%)");
        if (validation.isPresent()) {
            RenderedChart chart = ctx.charts().write("validation-accuracy", validation.get());
            String caption = "Validation accuracy of the instructions evaluated on the validation split; the line is the best so far.";
            html.append(Figures.html(chart, caption));
            md.append(Figures.markdown(chart, caption));
        }
        return new ReportSection("curves", "Optimization curve", html.toString(), md.toString());
    }

    /** Scatter of every scored candidate and the running best, or empty when none has this score. */
    static Optional<XYChart> accuracyChart(List<CandidateRecord> kept, Function<CandidateRecord, Double> score,
                                           String title, String yTitle) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        TreeMap<Integer, Double> bestOfStep = new TreeMap<>();
        for (CandidateRecord c : kept) {
            Double s = score.apply(c);
            if (s == null) {
                continue;
            }
            xs.add((double) c.step());
            ys.add(s * 100);
            bestOfStep.merge(c.step(), s * 100, Math::max);
        }
        if (xs.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy(title, "step", yTitle);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisDecimalPattern("#.#");
        XYSeries dots = chart.addSeries("instruction", xs, ys);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new java.awt.Color(0, 114, 178, 150));
        ChartStyle.addBestSoFar(chart, bestOfStep, true);
        return Optional.of(chart);
    }

    private ReportSection bestInstructions(ReportContext ctx, List<CandidateRecord> candidates) {
        List<CandidateRecord> best = CandidateRanking.best(candidates, BEST_SHOWN);
        Optional<CandidateRecord> baseline = CandidateRanking.baseline(candidates);
        List<CandidateRecord> rows = new ArrayList<>(best);
        baseline.filter(b -> !best.contains(b)).ifPresent(rows::add);
        Table table = new Table("rank", "step", "instruction", "training", "validation", "test", "vs baseline on test (McNemar)")
                .cssClass("instructions");
        int rank = 0;
        for (CandidateRecord c : rows) {
            rank++;
            boolean isBaseline = baseline.isPresent() && baseline.get().id() == c.id();
            String label = isBaseline ? (best.contains(c) ? rank + " (baseline)" : "baseline") : String.valueOf(rank);
            table.row(Table.Cell.text(label), Table.Cell.number(String.valueOf(c.step())),
                    Table.Cell.html("<q class=\"instruction\">" + Html.escape(c.text()) + "</q>", Markdown.cell(c.text())),
                    accuracy(ctx, c, Split.TRAIN), accuracy(ctx, c, Split.VALIDATION), accuracy(ctx, c, Split.TEST),
                    Table.Cell.text(isBaseline ? "–" : versusBaseline(ctx, c, baseline)));
        }
        String note = "Accuracies with 95% Wilson intervals and the number of examples; the baseline is the best initial "
                + "instruction (step 0). The last column is the accuracy difference on the test examples both were scored on "
                + "and the exact McNemar p-value (b: only this instruction right, c: only the baseline right).";
        String html = table.isEmpty() ? "<p>No candidate was scored.</p>\n"
                : table.html() + "<p class=\"note\">" + Html.escape(note) + "</p>\n";
        String md = table.isEmpty() ? "No candidate was scored.\n" : table.markdown() + "\n" + note + "\n";
        return new ReportSection("best-instructions", "Best instructions", html, md);
    }

    private static Table.Cell accuracy(ReportContext ctx, CandidateRecord c, Split split) {
        return Table.Cell.number(SplitAccuracy.of(ctx.store(), c, split).display());
    }

    private static String versusBaseline(ReportContext ctx, CandidateRecord c, Optional<CandidateRecord> baseline) {
        if (baseline.isEmpty()) {
            return "no baseline";
        }
        return PairedComparison.of(ctx.store().exampleResults(ctx.runId(), c.id(), Split.TEST),
                        ctx.store().exampleResults(ctx.runId(), baseline.get().id(), Split.TEST))
                .map(PairedComparison::display).orElse("no shared test examples");
    }

    private Optional<ReportSection> lastMetaPrompt(ReportContext ctx) {
        List<StepRecord> steps = ctx.store().steps(ctx.runId());
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepRecord step = steps.get(i);
            if (step.metaPrompt() != null && !step.metaPrompt().isBlank()) {
                String html = "<p>Step " + step.index() + ".</p>\n<pre class=\"meta-prompt\">" + Html.escape(step.metaPrompt())
                        + "</pre>\n";
                String md = "Step " + step.index() + ".\n\n" + Markdown.fenced(step.metaPrompt());
                return Optional.of(new ReportSection("meta-prompt", "Meta-prompt of the last step", html, md));
            }
        }
        return Optional.empty();
    }
}
