package io.llmopt.opro.numeric.tsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.numeric.Parsed;
import org.junit.jupiter.api.Test;

class TraceParserTest {

    @Test
    void readsTheFirstTraceOfAChattyAnswer() {
        String output = """
                To shorten the tour I will avoid the long edge between points 2 and 4.
                <trace> 0,3,1,4,2 </trace>
                This should give a length below 300. An alternative would be <trace> 0,1,2,3,4 </trace>.""";
        assertThat(TraceParser.parse(output, 5)).isEqualTo(Parsed.solution(new Tour(0, 3, 1, 4, 2)));
    }

    @Test
    void acceptsSpacesAndSkipsNonIntegerEntriesLikeTheReference() {
        assertThat(TraceParser.parse("<trace>0, 2 ,1,,3</trace>", 4)).isEqualTo(Parsed.solution(new Tour(0, 2, 1, 3)));
    }

    @Test
    void namesEachWayATraceCanBeWrong() {
        assertThat(reason("0,1,2,3", 4)).isEqualTo(TraceParser.NO_TRACE);
        assertThat(reason("<trace> 0,1,2,3", 4)).isEqualTo(TraceParser.NO_TRACE);
        assertThat(reason("<trace> 0,1,2,2 </trace>", 4)).isEqualTo(TraceParser.REPEATED);
        assertThat(reason("<trace> 0,1,2 </trace>", 4)).isEqualTo(TraceParser.MISSING);
        assertThat(reason("<trace> 0,1,2,4 </trace>", 4)).isEqualTo(TraceParser.OUT_OF_RANGE);
        assertThat(reason("<trace> 0,1,2,-1 </trace>", 4)).isEqualTo(TraceParser.OUT_OF_RANGE);
        assertThat(reason("<trace> 1,0,2,3 </trace>", 4)).isEqualTo(TraceParser.WRONG_START);
        assertThat(reason("<trace> 0 -> 1 -> 2 -> 3 </trace>", 4)).isEqualTo(TraceParser.UNPARSABLE);
        assertThat(reason("<trace> 0,1,2,3,0 </trace>", 4)).isEqualTo(TraceParser.REPEATED);
    }

    private static String reason(String text, int n) {
        return ((Parsed.Rejected<Tour>) TraceParser.parse(text, n)).rejection().reason();
    }
}
