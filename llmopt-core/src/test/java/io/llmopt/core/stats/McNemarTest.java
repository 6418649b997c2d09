package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void exactPValuesMatchTheBinomialTest() {
        // Values from scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue
        assertThat(McNemar.exact(10, 2).pValue()).isCloseTo(0.03857421875, within(1e-12));
        assertThat(McNemar.exact(60, 40).pValue()).isCloseTo(0.05688793364098089, within(1e-12));
        assertThat(McNemar.exact(0, 5).pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(McNemar.exact(600, 500).pValue()).isCloseTo(0.0028195449914364284, within(1e-12));
    }

    @Test
    void balancedAndEmptyDisagreementGiveOne() {
        assertThat(McNemar.exact(3, 3).pValue()).isEqualTo(1.0);
        assertThat(McNemar.exact(0, 0).pValue()).isEqualTo(1.0);
    }

    @Test
    void countsDiscordantPairsFromPerExampleResults() {
        boolean[] first = {true, true, true, false, false, true};
        boolean[] second = {true, false, false, true, false, true};
        McNemar.Result result = McNemar.exact(first, second);
        assertThat(result.onlyFirstCorrect()).isEqualTo(2);
        assertThat(result.onlySecondCorrect()).isEqualTo(1);
        assertThat(result.discordant()).isEqualTo(3);
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void binomialCdfHandlesLargeN() {
        assertThat(Binomial.cdf(5000, 10000, 0.5)).isCloseTo(0.5039893230, within(1e-6));
        assertThat(Binomial.cdf(2, 12, 0.5)).isCloseTo(79 / 4096.0, within(1e-15));
    }
}
