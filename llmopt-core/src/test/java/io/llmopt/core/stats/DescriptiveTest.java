package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptiveTest {

    @Test
    void textbookSample() {
        Descriptive d = Descriptive.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertThat(d.count()).isEqualTo(8);
        assertThat(d.mean()).isEqualTo(5.0);
        assertThat(d.populationStd()).isCloseTo(2.0, within(1e-12));
        assertThat(d.sampleStd()).isCloseTo(2.138089935299395, within(1e-12));
        assertThat(d.standardError()).isCloseTo(2.138089935299395 / Math.sqrt(8), within(1e-12));
    }

    @Test
    void largeOffsetDoesNotLosePrecision() {
        Descriptive d = Descriptive.of(List.of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16));
        assertThat(d.sampleStd()).isCloseTo(Math.sqrt(30), within(1e-6));
    }

    @Test
    void emptyAndSingle() {
        assertThat(Descriptive.of().mean()).isNaN();
        Descriptive one = Descriptive.of(3.0);
        assertThat(one.mean()).isEqualTo(3.0);
        assertThat(one.sampleStd()).isNaN();
        assertThat(one.populationStd()).isZero();
    }
}
