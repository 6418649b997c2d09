package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {

    @TempDir
    Path dir;

    @Test
    void theReadoutAveragesTheRepetitionsAndPoolsTheirTestAnswers() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            SweepReadout sweep = SweepReadout.read(store, SampleRuns.oproSweep(store));

            assertThat(sweep.settings()).extracting(SweepReadout.Setting::label)
                    .containsExactly("candidates_per_step=2", "candidates_per_step=8");
            SweepReadout.Setting first = sweep.settings().get(0);
            assertThat(first.members()).hasSize(2);
            assertThat(first.completedRuns()).isEqualTo(2);
            // a band per step: the mean lies within the lowest and highest run, which differ between the seeds
            assertThat(first.trainingBands()).hasSize(6).allSatisfy(b -> {
                assertThat(b.runs()).isEqualTo(2);
                assertThat(b.mean()).isBetween(b.low(), b.high());
            });
            assertThat(first.trainingBands()).anySatisfy(b -> assertThat(b.high()).isGreaterThan(b.low()));
            // best so far never goes down
            for (int i = 1; i < first.trainingBands().size(); i++) {
                assertThat(first.trainingBands().get(i).low()).isGreaterThanOrEqualTo(first.trainingBands().get(i - 1).low());
            }
            SplitAccuracy pooled = first.test().orElseThrow();
            long perRun = first.members().get(0).test().total();
            assertThat(pooled.total()).isEqualTo(2 * perRun);
            assertThat(pooled.correct()).isEqualTo(first.members().get(0).test().correct() + first.members().get(1).test().correct());
            assertThat(pooled.interval().lower()).isLessThan(pooled.accuracy());
            long perMember = store.callTotals(first.members().get(0).run().id()).calls();
            assertThat(perMember).isPositive();
            assertThat(first.calls()).isEqualTo(2 * perMember);
            assertThat(sweep.totals().calls()).isEqualTo(4 * perMember);
        }
    }

    @Test
    void theSweepReportDrawsTheAblationFiguresAndLinksEveryRun() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String id = SampleRuns.oproSweep(store);
            ReportFiles files = ReportWriter.write(store, id, dir.resolve(id));

            assertThat(files.charts()).extracting(RenderedChart::name).containsExactly("sweep-training", "sweep-test", "sweep-cost");
            files.charts().forEach(c -> assertThat(c.png()).isNotEmptyFile());
            String html = Files.readString(files.html());
            assertThat(html).contains("<section id=\"settings\">").contains("candidates_per_step=8")
                    .contains("2 settings, 4/4 runs completed").contains("<svg");
            assertThat(html.split("/report.html\">", -1)).hasSize(5); // four run links
            String md = Files.readString(files.markdown());
            assertThat(md).contains("| 2 | candidates_per_step=8 | 2/2 |").contains("![Training accuracy per step](sweep-training.png)")
                    .containsPattern("\\*\\*model calls\\*\\*: 140 \\(");
        }
    }
}
