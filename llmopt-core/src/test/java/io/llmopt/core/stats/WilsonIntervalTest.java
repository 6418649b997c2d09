package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    @Test
    void matchesNewcombeTableOne() {
        // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
        assertInterval(WilsonInterval.of(81, 263), 0.2553, 0.3662);
        assertInterval(WilsonInterval.of(15, 148), 0.0624, 0.1605);
        assertInterval(WilsonInterval.of(0, 20), 0.0, 0.1611);
        assertInterval(WilsonInterval.of(1, 29), 0.0061, 0.1718);
    }

    @Test
    void eightOfTen() {
        ConfidenceInterval ci = WilsonInterval.of(8, 10);
        assertThat(ci.lower()).isCloseTo(0.49016247153664183, within(1e-8));
        assertThat(ci.upper()).isCloseTo(0.9433178485456247, within(1e-8));
        assertThat(ci.confidence()).isEqualTo(0.95);
    }

    @Test
    void edgesStayInsideTheUnitInterval() {
        assertThat(WilsonInterval.of(0, 10).lower()).isZero();
        assertThat(WilsonInterval.of(10, 10).upper()).isEqualTo(1.0);
        assertThat(WilsonInterval.of(10, 10).lower()).isCloseTo(0.7224672001371107, within(1e-8));
        ConfidenceInterval none = WilsonInterval.of(0, 0);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isEqualTo(1.0);
    }

    @Test
    void higherConfidenceIsWider() {
        assertThat(WilsonInterval.of(40, 100, 0.99).width()).isGreaterThan(WilsonInterval.of(40, 100, 0.95).width());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of(11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInterval(ConfidenceInterval ci, double lower, double upper) {
        assertThat(ci.lower()).isCloseTo(lower, within(5e-5));
        assertThat(ci.upper()).isCloseTo(upper, within(5e-5));
    }
}
