package io.llmopt.opro.numeric.tsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TspOptimizationTest {

    private static final Pattern TRACE = Pattern.compile("<trace> ([0-9,]+) </trace>");

    /**
     * Reads the best trace (the last in the meta-prompt) and answers with a random segment
     * reversal of it; every fourth sample is a typical mistake (a repeated point, a dropped
     * point, no tags) so the invalid counts have something to count.
     */
    private static ScriptedLanguageModel twoOptModel() {
        return ScriptedLanguageModel.perSample((request, i) -> {
            Matcher m = TRACE.matcher(request.lastUserContent());
            String best = null;
            while (m.find()) {
                best = m.group(1);
            }
            String[] ids = best.split(",");
            Random random = new Random(request.seed() * 17 + i);
            int a = 1 + random.nextInt(ids.length - 1);
            int b = 1 + random.nextInt(ids.length - 1);
            for (int lo = Math.min(a, b), hi = Math.max(a, b); lo < hi; lo++, hi--) {
                String t = ids[lo];
                ids[lo] = ids[hi];
                ids[hi] = t;
            }
            String trace = String.join(",", ids);
            return switch (i) {
                case 3 -> "<trace> " + trace + ",0 </trace>";
                case 5 -> "<trace> " + trace.substring(0, trace.lastIndexOf(',')) + " </trace>";
                case 7 -> "The new trace is " + trace;
                default -> "Swapping a segment removes a crossing.\n<trace> " + trace + " </trace>";
            };
        });
    }

    @Test
    void aScriptedOptimizerReachesTheHeldKarpOptimumAndInvalidTracesAreCountedNotScored() {
        TspProblem problem = TspProblem.reference(9, 11, StartingAlgorithm.FARTHEST_INSERTION);
        ScriptedLanguageModel model = twoOptModel();
        NumericRunResult<Tour> result = new NumericOptimizer(model, NumericOptimizerConfig.builder().maxSteps(300).seed(1L).build())
                .run(problem);

        assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
        assertThat(problem.referenceTour().method()).isEqualTo("held-karp");
        assertThat(result.invalidReasons()).containsOnlyKeys(TraceParser.REPEATED, TraceParser.MISSING, TraceParser.NO_TRACE);
        assertThat(result.history()).allSatisfy(e -> assertThat(e.solution().isPermutationOf(9)).isTrue());

        TspRunReport report = TspRunReport.of(result, problem.referenceTour());
        assertThat(report.gapPercent()).isZero();
        assertThat(report.bestLength()).isEqualTo(problem.referenceTour().length());
        assertThat(report.invalid()).isEqualTo(3 * report.steps());
        assertThat(report.proposals()).isEqualTo(8 * report.steps());
        assertThat(report.format()).contains("gap 0.00%", "held-karp");
        assertThat(model.requests().get(0).lastUserContent()).startsWith("You are given a list of points with coordinates below:\n(0): (");
    }
}
