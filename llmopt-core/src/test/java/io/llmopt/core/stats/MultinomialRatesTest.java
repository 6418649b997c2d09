package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MultinomialRatesTest {

    @Test
    void ratesAndIntervalsPerOutcomeInGivenOrder() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("win", 45L);
        counts.put("tie", 20L);
        counts.put("lose", 15L);
        MultinomialRates rates = MultinomialRates.of(counts);

        assertThat(rates.total()).isEqualTo(80);
        assertThat(rates.all()).extracting(CategoryRate::category).containsExactly("win", "tie", "lose");
        CategoryRate win = rates.get("win");
        assertThat(win.rate()).isEqualTo(45 / 80.0);
        assertThat(win.interval().lower()).isCloseTo(0.4534113429694972, within(1e-8));
        assertThat(win.interval().upper()).isCloseTo(0.6658613908385618, within(1e-8));
        assertThat(rates.all()).extracting(CategoryRate::rate).containsExactly(0.5625, 0.25, 0.1875);
        assertThatThrownBy(() -> rates.get("draw")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void winTieLoseKeepsInvalidVerdictsInTheDenominator() {
        WinTieLose wtl = new WinTieLose(6, 2, 1, 1);
        assertThat(wtl.total()).isEqualTo(10);
        assertThat(wtl.winRate().rate()).isEqualTo(0.6);
        assertThat(wtl.winRate().interval().lower()).isCloseTo(WilsonInterval.of(6, 10).lower(), within(1e-15));
        assertThat(wtl.netWinRate()).isCloseTo(0.5, within(1e-15));
        assertThat(wtl.plus(WinTieLose.of(1, 1, 1))).isEqualTo(new WinTieLose(7, 3, 2, 1));
    }

    @Test
    void emptyCountsHaveZeroRatesAndTheWholeInterval() {
        WinTieLose none = WinTieLose.of(0, 0, 0);
        assertThat(none.winRate().rate()).isZero();
        assertThat(none.winRate().interval().width()).isEqualTo(1.0);
        assertThat(none.netWinRate()).isZero();
    }
}
