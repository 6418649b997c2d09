package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Agreement of each grading mode with the intended verdict on the realistic corpus, per data set and
 * answer type; prints the figures and holds strict mode to >= 99.5% overall.
 */
class StrictAgreementTest {

    @Test
    void strictAgreesWithTheIntendedVerdict() {
        Path data = Path.of(System.getProperty("llmopt.shared.dir"), "data", "opro");
        List<ScorerOutputCorpus.Case> cases = ScorerOutputCorpus.build(data);
        Grader strict = new Grader(GradingMode.STRICT);
        Grader reference = new Grader(GradingMode.REFERENCE);
        Map<String, int[]> perKind = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (ScorerOutputCorpus.Case c : cases) {
            int[] counts = perKind.computeIfAbsent(c.kind(), k -> new int[3]);
            counts[0]++;
            GradeResult s = strict.grade(c.output(), c.target(), c.settings(), c.input());
            if (s.correct() == c.correct()) {
                counts[1]++;
            } else {
                misses.add(c.kind() + " | target " + c.target() + " | intended " + c.correct() + " | parsed '"
                        + s.parsedAnswer() + "' | " + c.output().replace("\n", "\\n"));
            }
            if (reference.grade(c.output(), c.target(), c.settings(), c.input()).correct() == c.correct()) {
                counts[2]++;
            }
        }
        int total = 0;
        int strictAgree = 0;
        int referenceAgree = 0;
        StringBuilder table = new StringBuilder("class | cases | strict | reference\n");
        for (var e : perKind.entrySet()) {
            int[] c = e.getValue();
            total += c[0];
            strictAgree += c[1];
            referenceAgree += c[2];
            table.append(String.format(Locale.ROOT, "%s | %d | %.1f%% | %.1f%%%n", e.getKey(), c[0], 100.0 * c[1] / c[0], 100.0 * c[2] / c[0]));
        }
        table.append(String.format(Locale.ROOT, "all | %d | %.2f%% | %.2f%%%n", total, 100.0 * strictAgree / total, 100.0 * referenceAgree / total));
        System.out.println(table);
        misses.stream().limit(200).forEach(m -> System.out.println("MISS " + m));

        assertThat(total).isGreaterThan(1000);
        assertThat((double) strictAgree / total).as("strict agreement overall").isGreaterThanOrEqualTo(0.995);
        perKind.forEach((kind, c) -> assertThat((double) c[1] / c[0]).as("strict agreement on %s", kind).isGreaterThanOrEqualTo(0.98));
    }
}
