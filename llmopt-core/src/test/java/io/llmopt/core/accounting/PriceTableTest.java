package io.llmopt.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmopt.core.llm.TokenUsage;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void defaultsPriceCommonOpenAiModelsPerMillionTokens() {
        PriceTable t = PriceTable.defaults();
        assertThat(t.cost("gpt-4o-mini", new TokenUsage(1_000_000, 1_000_000))).isCloseTo(0.75, within(1e-9));
        assertThat(t.cost("gpt-3.5-turbo", new TokenUsage(2_000, 0))).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void datedSnapshotsUseTheLongestMatchingName() {
        PriceTable t = PriceTable.defaults();
        assertThat(t.priceOf("gpt-4o-mini-2024-07-18")).contains(new ModelPrice(0.15, 0.60));
        assertThat(t.priceOf("gpt-4o-2024-08-06")).contains(new ModelPrice(2.50, 10.00));
        assertThat(t.isPriced("gpt-4omega")).isFalse();
    }

    @Test
    void overridesReplaceDefaultsAndUnknownModelsCostNothing() {
        PriceTable t = PriceTable.defaults().with("gpt-4o-mini", 1, 1).with("my-finetune", 3, 4);
        assertThat(t.priceOf("gpt-4o-mini")).contains(new ModelPrice(1, 1));
        assertThat(t.cost("my-finetune", new TokenUsage(1_000_000, 0))).isEqualTo(3.0);
        assertThat(t.cost("llama3", new TokenUsage(5_000, 5_000))).isZero();
        assertThat(PriceTable.defaults().priceOf("gpt-4o-mini")).contains(new ModelPrice(0.15, 0.60));
    }
}
