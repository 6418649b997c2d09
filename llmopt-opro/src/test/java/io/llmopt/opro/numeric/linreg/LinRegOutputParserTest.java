package io.llmopt.opro.numeric.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.numeric.ReferenceFixtures;
import org.junit.jupiter.api.Test;

class LinRegOutputParserTest {

    @Test
    void agreesWithTheReferenceOnEveryFixture() {
        for (JsonNode c : ReferenceFixtures.get().get("linreg_parse")) {
            String text = c.get("text").asText();
            Parsed<WbPair> parsed = LinRegOutputParser.parse(text);
            JsonNode expected = c.get("parsed");
            if (expected.isNull()) {
                assertThat(parsed).as(text).isInstanceOf(Parsed.Rejected.class);
            } else if (expected.get(0).asText().equals("nan") || expected.get(0).asText().equals("inf")) {
                // The reference would go on to crash on int(nan); we reject instead.
                assertThat(parsed).as(text).isEqualTo(Parsed.rejected(LinRegOutputParser.NOT_FINITE, "[" + LinRegOutputParser.lastPair(text) + "]"));
            } else {
                WbPair pair = ((Parsed.Solution<WbPair>) parsed).value();
                assertThat(pair).as(text).isEqualTo(new WbPair(
                        (long) Math.rint(Double.parseDouble(expected.get(0).asText())),
                        (long) Math.rint(Double.parseDouble(expected.get(1).asText()))));
            }
        }
    }

    @Test
    void readsARealisticChattyAnswer() {
        String output = """
                Looking at the pairs, the value drops fastest when w approaches 15 and b stays around 14.
                The pair (15, 15) had value 99, so decreasing b slightly should help.
                Let me try w = 15 and b = 13.8.

                [15, 13.8]""";
        assertThat(LinRegOutputParser.parse(output)).isEqualTo(Parsed.solution(new WbPair(15, 14)));
    }

    @Test
    void roundsHalfToEvenLikeNumpy() {
        assertThat(LinRegOutputParser.parse("[14.5, 15.5]")).isEqualTo(Parsed.solution(new WbPair(14, 16)));
        assertThat(LinRegOutputParser.parse("[w=-2.5, b=0.5]")).isEqualTo(Parsed.solution(new WbPair(-2, 0)));
    }

    @Test
    void skipsThePlaceholderButNotAnEarlierPairWhenTheLastIsBroken() {
        assertThat(LinRegOutputParser.parse("[16, 13] is my answer, in the form [w, b]"))
                .isEqualTo(Parsed.solution(new WbPair(16, 13)));
        assertThat(LinRegOutputParser.parse("[16, 13] or maybe [16, x]"))
                .isInstanceOfSatisfying(Parsed.Rejected.class,
                        r -> assertThat(r.rejection().reason()).isEqualTo(LinRegOutputParser.NOT_A_NUMBER));
    }

    @Test
    void namesTheReasonForEachRejection() {
        assertThat(reason("I cannot decide.")).isEqualTo(LinRegOutputParser.NO_PAIR);
        assertThat(reason("[1, 2, 3]")).isEqualTo(LinRegOutputParser.WRONG_ARITY);
        assertThat(reason("[1e300, 2]")).isEqualTo(LinRegOutputParser.TOO_LARGE);
        assertThat(reason("[15,\n14]")).isEqualTo(LinRegOutputParser.NO_PAIR);
    }

    private static String reason(String text) {
        return ((Parsed.Rejected<WbPair>) LinRegOutputParser.parse(text)).rejection().reason();
    }
}
