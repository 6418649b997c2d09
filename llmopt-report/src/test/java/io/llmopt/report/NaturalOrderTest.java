package io.llmopt.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void digitRunsCompareByValue() {
        List<String> ids = new ArrayList<>(List.of("p10", "p2", "p1", "p11", "q1", "p", "p02", "12", "3", "p99999999999999999999"));
        ids.sort(NaturalOrder.INSTANCE);
        assertThat(ids).containsExactly("3", "12", "p", "p1", "p02", "p2", "p10", "p11", "p99999999999999999999", "q1");
    }
}
