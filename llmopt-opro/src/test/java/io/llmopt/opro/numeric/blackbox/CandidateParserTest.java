package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.opro.numeric.Parsed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateParserTest {

    private final SearchSpace space = SearchSpaceLoader.parse(SearchSpaceLoaderTest.YAML, "space.yaml", false);

    @Test
    void readsTheLastJsonObjectOfAChattyAnswer() {
        String output = """
                The best value so far came from {"damping": 0.5, ...}, so lower damping helps.
                I'll also switch to rk4, which is more accurate: {not json}.
                ```json
                {"damping": 0.35, "order": 3, "grid": 0.75, "solver": "rk4", "comment": "try {less} damping"}
                ```""";
        Parsed<Candidate> parsed = CandidateParser.parse(output, space);
        assertThat(parsed).isInstanceOf(Parsed.Solution.class);
        Candidate c = ((Parsed.Solution<Candidate>) parsed).value();
        assertThat(c.values()).containsExactly(Map.entry("damping", 0.35), Map.entry("order", 3L), Map.entry("grid", 0.75),
                Map.entry("solver", "rk4"), Map.entry("comment", "try {less} damping"));
        assertThat(c.toJson()).isEqualTo("{\"damping\":0.35,\"order\":3,\"grid\":0.75,\"solver\":\"rk4\",\"comment\":\"try {less} damping\"}");
    }

    @Test
    void keysFollowTheSpaceOrderAndIntegralFloatsAreIntegers() {
        Candidate c = ((Parsed.Solution<Candidate>) CandidateParser.parse(
                "{\"solver\": \"euler\", \"order\": 2.0, \"comment\": \"\", \"grid\": 0, \"damping\": 1}", space)).value();
        assertThat(c.toJson()).isEqualTo("{\"damping\":1,\"order\":2,\"grid\":0,\"solver\":\"euler\",\"comment\":\"\"}");
    }

    @Test
    void rejectsWithAReasonInsteadOfEvaluating() {
        String valid = "\"damping\": 0.5, \"order\": 3, \"grid\": 0.5, \"solver\": \"rk4\", \"comment\": \"\"";
        assertThat(reason("I would keep everything as it is.")).isEqualTo(CandidateParser.NO_JSON);
        assertThat(detail("{" + valid.replace("0.5, \"order\"", "2.5, \"order\"") + "}")).isEqualTo("damping: 2.5 is outside [0, 2]");
        assertThat(detail("{" + valid.replace("\"order\": 3", "\"order\": 2.5") + "}")).isEqualTo("order: expected an integer, got 2.5");
        assertThat(detail("{" + valid.replace("\"order\": 3", "\"order\": \"3\"") + "}")).isEqualTo("order: expected a number, got \"3\"");
        assertThat(detail("{" + valid.replace("\"grid\": 0.5", "\"grid\": 0.6") + "}")).isEqualTo("grid: 0.6 is not on the grid 0 + k*0.25");
        assertThat(detail("{" + valid.replace("rk4", "rk45") + "}")).isEqualTo("solver: 'rk45' is not one of [euler, rk4]");
        assertThat(reason("{" + valid + ", \"seed\": 1}")).isEqualTo(SearchSpace.UNKNOWN_PARAMETER);
        assertThat(reason("{" + valid.replace(", \"comment\": \"\"", "") + "}")).isEqualTo(SearchSpace.MISSING_PARAMETER);
        assertThat(reason("{" + valid.replace("\"comment\": \"\"", "\"comment\": [1]") + "}")).isEqualTo(CandidateParser.WRONG_TYPE);
    }

    private String reason(String text) {
        return ((Parsed.Rejected<Candidate>) CandidateParser.parse(text, space)).rejection().reason();
    }

    private String detail(String text) {
        Parsed.Rejected<Candidate> r = (Parsed.Rejected<Candidate>) CandidateParser.parse(text, space);
        assertThat(r.rejection().reason()).isEqualTo(SearchSpace.INVALID_VALUE);
        return r.rejection().detail();
    }
}
