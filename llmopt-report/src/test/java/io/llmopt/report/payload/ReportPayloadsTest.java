package io.llmopt.report.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.store.WorkItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numericEvaluationIsAWorkItemWithSnakeCaseJson() throws Exception {
        NumericEvaluation e = new NumericEvaluation(3, JSON.readTree("{\"w\":2,\"b\":5}"), 12.5, null);
        WorkItem item = e.toWorkItem("run-1", "2,5");
        assertThat(item.kind()).isEqualTo("numeric.evaluation");
        assertThat(item.status()).isEqualTo(WorkItem.DONE);
        assertThat(JSON.readTree(item.payloadJson())).isEqualTo(JSON.readTree("{\"step\":3,\"solution\":{\"w\":2,\"b\":5},\"value\":12.5}"));
        assertThat(NumericEvaluation.from(item)).isEqualTo(e);
        assertThat(e.succeeded()).isTrue();
        assertThat(new NumericEvaluation(1, JSON.readTree("[0,1]"), null, "timeout").succeeded()).isFalse();
    }

    @Test
    void numericSummaryComputesTheGapInTheWorseDirection() {
        NumericSummary tsp = NumericSummary.parse(
                "{\"best_value\":110,\"reference_value\":100,\"reference_method\":\"held-karp\",\"best_tour\":[0,2,1],"
                        + "\"cities\":[[0,0],[1,0],[0,1]],\"some_future_field\":1}");
        assertThat(tsp.effectiveGap()).isEqualTo(0.1);
        assertThat(tsp.bestTour()).containsExactly(0, 2, 1);
        assertThat(tsp.cities()).hasSize(3).first().isEqualTo(List.of(0.0, 0.0));
        NumericSummary max = NumericSummary.parse("{\"direction\":\"maximize\",\"best_value\":8,\"reference_value\":10}");
        assertThat(max.effectiveGap()).isEqualTo(0.2);
        assertThat(NumericSummary.parse("{\"gap\":0.5,\"best_value\":1}").effectiveGap()).isEqualTo(0.5);
        assertThat(NumericSummary.parse(null).effectiveGap()).isNull();
    }

    @Test
    void aJudgementReadsTheEvalPipelinesPayload() {
        // the shape io.llmopt.bpo.pipeline.JudgementItems stores: a report of a real eval run reads it
        String payload = "{\"id\":\"p1\",\"category\":\"science\",\"original\":\"o\",\"rewritten\":\"r\","
                + "\"response_original\":\"a\",\"response_rewritten\":\"b\",\"method\":\"both_orders\",\"verdict\":\"tie\","
                + "\"judgements\":[],\"position_consistent\":false}";
        BpoJudgement j = BpoJudgement.from(io.llmopt.core.store.WorkItem.done("r", BpoJudgement.KIND, "p1", payload));
        assertThat(j).isEqualTo(new BpoJudgement("p1", "science", "o", "r", "tie", "a", "b", false));
    }

    @Test
    void bpoPayloadsRoundTripAndNormaliseTheOutcome() {
        BpoJudgement j = new BpoJudgement("q1", "coding", "fix it", "Fix the bug; explain why.", "WIN", "a", "b", true);
        assertThat(j.outcome()).isEqualTo("win");
        assertThat(BpoJudgement.from(j.toWorkItem("r"))).isEqualTo(j);
        assertThat(j.toWorkItem("r").payloadJson()).contains("\"rewritten_response\":\"b\"", "\"position_consistent\":true");
        BpoPair p = new BpoPair("p1", null, "hi", "Say hello politely.", BpoPair.KEPT, null);
        assertThat(BpoPair.from(p.toWorkItem("r"))).isEqualTo(p);
        assertThat(p.toWorkItem("r").payloadJson()).contains("\"status\":\"kept\"");
    }

    @Test
    void malformedPayloadNamesTheExpectedShape() {
        assertThatThrownBy(() -> ReportJson.read("{\"step\":", NumericEvaluation.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed NumericEvaluation payload");
    }
}
