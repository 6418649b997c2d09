package io.llmopt.bpo.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairFiltersTest {

    private final WordRatioFilter ratio = WordRatioFilter.reference();

    @Test
    void shrinkingToHalfIsKeptBelowHalfIsDropped() {
        assertThat(ratio.reject("one two three four", "one two")).isEmpty();
        assertThat(ratio.reject("one two three four five", "one two")).hasValueSatisfying(r ->
                assertThat(r).contains("too short").contains("5 words became 2"));
    }

    @Test
    void growingSixFoldIsKeptMoreIsDropped() {
        assertThat(ratio.reject("a b", "1 2 3 4 5 6 7 8 9 10 11 12")).isEmpty();
        assertThat(ratio.reject("a b", "1 2 3 4 5 6 7 8 9 10 11 12 13")).hasValueSatisfying(r -> assertThat(r).contains("too long"));
    }

    @Test
    void emptySidesAreDroppedInsteadOfDividingByZero() {
        assertThat(ratio.reject("Say hi", "   ")).contains("optimized instruction is empty");
        assertThat(ratio.reject("", "Say hi")).contains("instruction has no words");
    }

    @Test
    void protectedMarkerInAnyCase() {
        ProtectedMarkerFilter f = new ProtectedMarkerFilter();
        assertThat(f.reject("x", "Summarise [PROTECTED]the text[/PROTECTED]")).isPresent();
        assertThat(f.reject("x", "keep the [Protected part]")).isPresent();
        assertThat(f.reject("x", "a protected part")).isEmpty();
    }

    @Test
    void firstRejectionWinsInOrder() {
        List<PairFilter> filters = PairFilters.reference();
        assertThat(PairFilters.firstRejection(filters, "Write a story about a cat", "Write a story about a cat [protected]")).hasValueSatisfying(
                r -> assertThat(r).contains("[protected"));
        assertThat(PairFilters.firstRejection(filters, "Write a story about a cat", "Write a vivid story about a cat")).isEmpty();
    }
}
