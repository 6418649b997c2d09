package io.llmopt.opro.numeric.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.ReferenceFixtures;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinearRegressionExperimentTest {

    private static final Pattern PAIR = Pattern.compile("w=(-?\\d+), b=(-?\\d+)");

    /**
     * A plausible optimizer: reads the best pair (the last one in the meta-prompt) and proposes a
     * small random move from it, phrased the ways real models phrase answers; one sample in eight
     * rambles without a pair.
     */
    static ScriptedLanguageModel localSearchModel() {
        return ScriptedLanguageModel.perSample((request, i) -> {
            String prompt = request.lastUserContent();
            Matcher m = PAIR.matcher(prompt);
            long w = 0;
            long b = 0;
            while (m.find()) {
                w = Long.parseLong(m.group(1));
                b = Long.parseLong(m.group(2));
            }
            // The request seed changes every step, as sampling would, so a stalled prompt still moves.
            Random random = new Random(request.seed() * 31L + i);
            long nw = w + random.nextInt(5) - 2;
            long nb = b + random.nextInt(7) - 3;
            return switch (i % 8) {
                case 0 -> "Based on the trend, I will decrease the loss further.\n[w=" + nw + ", b=" + nb + "]";
                case 1 -> "The best pair so far is (" + w + ", " + b + "). A nearby point: [" + nw + ", " + nb + "]";
                case 7 -> "The function seems to be quadratic; it is hard to say more without computing.";
                default -> "New pair: [" + nw + ".0, " + nb + ".0]\nThe output must be [w, b] so: [" + nw + ", " + nb + "]";
            };
        });
    }

    @Test
    void aScriptedOptimizerReachesTheOptimumInEveryRepetition() {
        ScriptedLanguageModel model = localSearchModel();
        NumericOptimizer optimizer = new NumericOptimizer(model, NumericOptimizerConfig.builder().maxSteps(200).seed(0L).build());
        LinRegSummary summary = new LinearRegressionExperiment(optimizer, 5, OptimumCriterion.BEST_INTEGER_PAIR).run(15, 14);

        assertThat(summary.runs()).hasSize(5);
        assertThat(summary.runs()).extracting(LinRegRun::seed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(summary.runs()).allSatisfy(run -> {
            assertThat(run.result().stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
            assertThat(run.result().best().solution()).isEqualTo(run.optimum());
            assertThat(run.result().invalidReasons()).containsOnlyKeys(LinRegOutputParser.NO_PAIR);
        });
        assertThat(summary.runsReachingOptimum()).isEqualTo(5);
        assertThat(summary.stepsToOptimum().n()).isEqualTo(5);
        assertThat(summary.stepsToOptimum().mean()).isGreaterThanOrEqualTo(1);
        // The first meta-prompt of repetition 1 is the reference's, byte for byte.
        assertThat(model.requests().get(0).lastUserContent())
                .isEqualTo(ReferenceFixtures.get().get("linreg").get(0).get("meta_prompt_initial").asText());
        assertThat(model.requests().get(0).n()).isEqualTo(8);

        String table = LinRegSummary.table(List.of(summary));
        assertThat(table.lines().toList()).hasSize(2);
        assertThat(table.lines().toList().get(1)).startsWith("15      14      ").endsWith("5/5");
    }

    @Test
    void theRepetitionsAreReproducible() {
        NumericOptimizerConfig cfg = NumericOptimizerConfig.builder().maxSteps(100).seed(0L).build();
        LinRegSummary a = new LinearRegressionExperiment(new NumericOptimizer(localSearchModel(), cfg), 2, OptimumCriterion.TRUE_PARAMETERS).run(17, 17);
        LinRegSummary b = new LinearRegressionExperiment(new NumericOptimizer(localSearchModel(), cfg), 2, OptimumCriterion.TRUE_PARAMETERS).run(17, 17);
        assertThat(a.runs().get(1).result().history()).isEqualTo(b.runs().get(1).result().history());
        assertThat(a.runs()).allSatisfy(r -> assertThat(r.optimum()).isEqualTo(new WbPair(17, 17)));
    }
}
