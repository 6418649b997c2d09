package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    @Test
    void quantilesMatchScipy() {
        assertThat(NormalDistribution.twoSidedZ(0.95)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(NormalDistribution.twoSidedZ(0.99)).isCloseTo(2.5758293035489004, within(1e-8));
        assertThat(NormalDistribution.quantile(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
        assertThat(NormalDistribution.quantile(0.5)).isCloseTo(0.0, within(1e-12));
    }
}
