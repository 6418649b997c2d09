package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.stats.WinTieLose;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleTally;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private RunStore store;

    @BeforeEach
    void open() {
        store = RunStore.open(dir.resolve("runs/llmopt.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void batchJobsAreListedOneRowEachWithWhatTheyCostAndSaved() throws Exception {
        String run = SampleRuns.oproPrompt(store, "gsm8k batch", 0.55);
        SampleRuns.batchJobs(store, run);
        ReportFiles files = ReportWriter.write(store, run, ReportWriter.defaultDirectory(store, run));
        Document doc = Jsoup.parse(files.html().toFile());
        List<Element> rows = doc.select("section#batch-jobs tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td").eachText())
                .containsExactly("batch_a1", "scorer", "2,088", "completed", "3.2 s", "$0.2100", "$0.2100");
        // followed again after a restart: still one job, and no end yet
        assertThat(rows.get(1).select("td").eachText()).containsExactly("batch_b2", "scorer", "5,276", "running", "–", "–", "–");
        assertThat(doc.select("section#batch-jobs p.note").text()).contains("2 job(s); saved $0.2100").contains("left running");
        assertThat(Files.readString(files.markdown())).contains("| batch_a1 | scorer | 2,088 | completed | 3.2 s | $0.2100 | $0.2100 |");
    }

    @Test
    void aRunWithoutBatchJobsHasNoBatchSection() throws Exception {
        String run = SampleRuns.oproPrompt(store, "gsm8k live", 0.55);
        ReportFiles files = ReportWriter.write(store, run, ReportWriter.defaultDirectory(store, run));
        assertThat(Jsoup.parse(files.html().toFile()).select("section#batch-jobs")).isEmpty();
    }

    @Test
    void oproPromptReportShowsTheStoredNumbersWithIntervalsAndTheTestAgainstTheBaseline() throws Exception {
        String run = SampleRuns.oproPrompt(store, "gsm8k q_begin", 0.55);
        ReportFiles files = ReportWriter.write(store, run, ReportWriter.defaultDirectory(store, run));

        assertThat(files.html()).isEqualTo(dir.resolve("runs").resolve(run).resolve("report.html").toAbsolutePath());
        Document doc = Jsoup.parse(files.html().toFile());
        assertThat(doc.select("h1").text()).contains("gsm8k q_begin", "opro-prompt");
        assertThat(doc.select("dd[data-fact=status]").text()).isEqualTo("completed");
        assertThat(doc.select("dd[data-fact=racing]")).as("full evaluation drops nothing").isEmpty();

        List<CandidateRecord> best = CandidateRanking.best(store.candidates(run), OproPromptSections.BEST_SHOWN);
        CandidateRecord top = best.get(0);
        CandidateRecord baseline = CandidateRanking.baseline(store.candidates(run)).orElseThrow();
        Element table = doc.selectFirst("section#best-instructions table");
        List<Element> rows = table.select("tbody tr");
        assertThat(rows).hasSize(best.contains(baseline) ? best.size() : best.size() + 1);
        Element first = rows.get(0);
        assertThat(first.select("td").get(2).text()).contains(top.text());
        ExampleTally train = store.exampleTally(run, top.id(), Split.TRAIN);
        var ci = WilsonInterval.of(train.correct(), train.total());
        assertThat(train.truncated()).as("the sample run has replies cut at max_tokens").isPositive();
        assertThat(first.select("td").get(3).text()).isEqualTo(String.format(java.util.Locale.ROOT,
                "%.1f%% [%.1f, %.1f] (n=%d, %d cut at max_tokens)", train.accuracy() * 100, ci.lower() * 100,
                ci.upper() * 100, train.total(), train.truncated()));
        String expectedTest = PairedComparison.of(store.exampleResults(run, top.id(), Split.TEST),
                store.exampleResults(run, baseline.id(), Split.TEST)).map(PairedComparison::display).orElse("no shared test examples");
        assertThat(first.select("td").get(6).text()).isEqualTo(expectedTest);
        assertThat(rows.get(rows.size() - 1).select("td").get(0).text()).contains("baseline");
        assertThat(rows.get(rows.size() - 1).select("td").get(2).text()).contains("Let's think step by step.");

        assertThat(doc.select("section#curves svg.chart")).hasSize(2);
        assertThat(doc.select("section#meta-prompt pre").text()).contains("Your task is to write a new instruction.");
        assertThat(doc.select("section#usage tbody tr td:first-child").eachText()).containsExactly("scorer", "optimizer", "total");
        assertThat(doc.select("section#usage tbody tr").last().select("td").get(7).text())
                .isEqualTo(Format.cost(store.callTotals(run).cost())).startsWith("$");
        // time at the server apart from time waiting for a slot; calls logged without the split count whole
        assertThat(doc.select("section#usage thead th").eachText()).endsWith("mean at server", "mean slot wait");
        assertThat(doc.select("section#usage tbody tr").get(0).select("td").eachText()).endsWith("1.0 ms", "419 ms");
        assertThat(doc.select("section#usage tbody tr").get(1).select("td").eachText()).endsWith("5,200 ms", "–");
        assertThat(doc.select("section#configuration pre").text()).contains("Q_begin").doesNotContain("sk-secret-value-123");

        assertNoScriptRuns(doc);
        assertThat(Files.readString(files.html())).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(top.text()).isEqualTo(SampleRuns.EVIL_INSTRUCTION);
        assertThat(first.select("td").get(2).select("q").first().childrenSize()).isZero();

        assertThat(files.charts()).extracting(RenderedChart::name).containsExactly("training-accuracy", "validation-accuracy");
        for (RenderedChart chart : files.charts()) {
            assertRichPng(chart.png());
            assertThat(Files.readString(chart.svg())).startsWith("<?xml").contains("<svg");
        }

        String md = Files.readString(files.markdown());
        assertThat(md).contains("# gsm8k q_begin (opro-prompt)", "![Training accuracy per step](training-accuracy.png)",
                "| rank | step | instruction |", "&lt;script&gt;").doesNotContain(SampleRuns.EVIL_INSTRUCTION);
    }

    @Test
    void linearRegressionReportShowsTheBestValueTheGapAndTheExploredPairs() throws Exception {
        String run = SampleRuns.linreg(store);
        ReportFiles files = ReportWriter.write(store, run, dir.resolve("out"));
        Document doc = Jsoup.parse(files.html().toFile());
        assertThat(fact(doc, "best value")).isEqualTo("12.3");
        assertThat(fact(doc, "reference optimum")).isEqualTo("12.3");
        assertThat(fact(doc, "gap to reference")).isEqualTo("0.0%");
        assertThat(fact(doc, "solutions evaluated")).isEqualTo(String.valueOf(
                store.workItems(run, io.llmopt.report.payload.NumericEvaluation.KIND).size()));
        assertThat(fact(doc, "failed evaluations")).isEqualTo("1");
        assertThat(files.charts()).extracting(RenderedChart::name).containsExactly("best-value", "explored-wb");
        files.charts().forEach(c -> assertRichPng(c.png()));
        assertNoScriptRuns(doc);
    }

    @Test
    void tspReportDrawsTheBestTourAndComputesTheGap() throws Exception {
        String run = SampleRuns.tsp(store);
        ReportFiles files = ReportWriter.write(store, run, dir.resolve("out"));
        Document doc = Jsoup.parse(files.html().toFile());
        assertThat(fact(doc, "best value")).isEqualTo("55");
        assertThat(fact(doc, "reference method")).isEqualTo("held-karp");
        assertThat(fact(doc, "gap to reference")).isEqualTo("4.8%");
        assertThat(doc.select("dd[data-fact=status]").text()).isEqualTo("budget_reached");
        assertThat(files.charts()).extracting(RenderedChart::name).containsExactly("best-value", "best-tour");
        assertRichPng(files.charts().get(1).png());
    }

    @Test
    void bpoEvaluationReportShowsRatesPerCategoryAndEscapedDiffs() throws Exception {
        String run = SampleRuns.bpoEval(store);
        ReportFiles files = ReportWriter.write(store, run, dir.resolve("out"));
        Document doc = Jsoup.parse(files.html().toFile());
        List<Element> rows = doc.select("section#win-tie-lose tbody tr");
        assertThat(rows).extracting(r -> r.child(0).text()).containsExactly("all", "coding", "math", "writing");
        // outcomes cycle win, win, tie, lose, win, invalid, win, tie, win, lose over 60 items: 30 wins, 12 ties, 12 losses, 6 invalid
        WinTieLose all = new WinTieLose(30, 12, 12, 6);
        Element allRow = rows.get(0);
        assertThat(allRow.child(1).text()).isEqualTo("60");
        assertThat(allRow.child(2).text()).isEqualTo(Format.percentWithInterval(0.5, all.winRate().interval()));
        assertThat(allRow.child(4).text()).isEqualTo(Format.percentWithInterval(0.2, all.loseRate().interval()));
        assertThat(allRow.child(5).text()).isEqualTo("6");
        assertThat(allRow.child(6).text()).isEqualTo("+30.0 pts");

        Element firstExample = doc.selectFirst("section#examples .example");
        assertThat(firstExample.select("ins").text()).contains("Explain, in three short paragraphs, what");
        assertThat(firstExample.select("del").text()).contains("Tell me about");
        assertThat(firstExample.select(".diff").text()).contains("<script>alert('x')</script>");
        assertNoScriptRuns(doc);
        assertThat(files.charts()).extracting(RenderedChart::name).containsExactly("win-tie-lose");
        assertRichPng(files.charts().get(0).png());
        assertThat(Files.readString(files.markdown())).contains("| all | 60 |");
    }

    /** Examples in the order people count their ids: p1, p2, ..., p8, not the store's text order p1, p10, p11. */
    @Test
    void bpoExamplesAreOrderedByTheirIdsNumbers() throws Exception {
        String run = store.createRun(io.llmopt.core.report.RunKinds.BPO_EVAL, "order", null).id();
        for (int i = 1; i <= 12; i++) {
            store.recordWorkItem(new io.llmopt.report.payload.BpoJudgement("p" + i, "c", "Tell me " + i, "Explain " + i, "win",
                    null, null, null).toWorkItem(run));
        }
        store.flush();
        Document doc = Jsoup.parse(ReportWriter.write(store, run, dir.resolve("out")).html().toFile());
        assertThat(doc.select("section#examples .example-head code").eachText())
                .containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    }

    @Test
    void bpoPairReportCountsKeptPairsAndReasons() throws Exception {
        String run = SampleRuns.bpoPairs(store);
        Document doc = Jsoup.parse(ReportWriter.write(store, run, dir.resolve("out")).html().toFile());
        assertThat(doc.select("section#pairs p").first().text()).isEqualTo("10 pairs built, 7 kept (70.0%).");
        assertThat(doc.select("section#pairs table").get(1).text()).contains("word ratio too high 3");
        assertThat(doc.select("section#pair-examples .example")).hasSize(7);
        assertThat(doc.select("section#usage").text()).contains("No model call was logged");
    }

    @Test
    void aReportCanBeWrittenAgainOverTheOldOne() {
        String run = SampleRuns.tsp(store);
        ReportFiles once = ReportWriter.write(store, run, dir.resolve("out"));
        ReportFiles twice = ReportWriter.write(store, run, dir.resolve("out"));
        assertThat(twice.html()).isEqualTo(once.html()).exists();
    }

    @Test
    void unknownRunIsAnIllegalArgument() {
        assertThatThrownBy(() -> ReportWriter.write(store, "20990101-000000-dead", dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no run 20990101-000000-dead");
    }

    static void assertNoScriptRuns(Document doc) {
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("[onload], [onerror], [onclick]")).isEmpty();
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).contains("default-src 'none'");
        assertThat(doc.select("link[href^=http], img[src^=http]")).isEmpty();
    }

    private static String fact(Document doc, String measure) {
        return doc.select("section#result tr").stream().filter(r -> r.childrenSize() == 2 && r.child(0).text().equals(measure))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + measure)).child(1).text();
    }

    /** Decodes the PNG and checks it is a real chart: large enough and drawn in several colours. */
    static void assertRichPng(Path png) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " decodes").isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(ChartStyle.WIDTH);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(ChartStyle.HEIGHT);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y) & 0xF0F0F0);
                }
            }
            assertThat(colours.size()).as("distinct colours in " + png).isGreaterThan(8);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRacingRunSaysHowManyCandidatesWereDroppedEarly() throws Exception {
        String run = SampleRuns.oproPrompt(store, "gsm8k racing", 0.55);
        for (String text : List.of("Be brief.", "Guess.")) {
            store.recordCandidate(CandidateRecord.proposed(run, store.nextCandidateId(run), 5, text, "<INS>" + text + "</INS>",
                    io.llmopt.core.store.CandidateStatus.RACED_OUT, "racing: dropped after 12 of 40 examples (0.083 correct)"));
        }
        store.flush();
        long scoredInSearch = store.candidates(run).stream()
                .filter(c -> c.step() > 0 && c.trainScore() != null).count();

        Document doc = Jsoup.parse(ReportWriter.write(store, run, ReportWriter.defaultDirectory(store, run)).html().toFile());
        assertThat(doc.select("dd[data-fact=racing]").text())
                .isEqualTo("2 of " + (scoredInSearch + 2) + " search candidates dropped early");
    }
}
