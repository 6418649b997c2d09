package io.llmopt.opro.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.random.NumpyRandom;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Extraction, polishing, filters and exemplar selection against the reference's behaviour. */
class CandidateParityTest {

    @Test
    void extractionAndPolishingMatchTheReferenceForEveryStyle() {
        JsonNode cases = Fixtures.load("extraction.json");
        Map<String, CandidateExtractor> extractors = Map.of(
                "CHAT/Q_begin", CandidateExtractor.forStyle(OptimizerStyle.CHAT, InstructionPosition.Q_BEGIN),
                "CHAT/A_begin", CandidateExtractor.forStyle(OptimizerStyle.CHAT, InstructionPosition.A_BEGIN),
                "COMPLETION", CandidateExtractor.forStyle(OptimizerStyle.COMPLETION, InstructionPosition.Q_BEGIN),
                "PRETRAINED", CandidateExtractor.forStyle(OptimizerStyle.PRETRAINED, InstructionPosition.Q_BEGIN));
        int checked = 0;
        for (JsonNode c : cases) {
            String raw = c.get("raw").asText();
            for (Map.Entry<String, CandidateExtractor> e : extractors.entrySet()) {
                List<String> polished = e.getValue().extract(raw).stream().map(InstructionPolisher::polish).toList();
                List<String> expected = new ArrayList<>();
                c.get(e.getKey()).forEach(v -> expected.add(v.asText()));
                assertThat(polished).as("%s of %s", e.getKey(), raw).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2400);
    }

    @Test
    void screeningDropsWhatTheReferenceDropsAndSaysWhy() {
        for (JsonNode c : Fixtures.load("screening.json")) {
            Set<String> seen = new HashSet<>();
            c.get("seen").forEach(v -> seen.add(v.asText()));
            List<String> candidates = new ArrayList<>();
            c.get("candidates").forEach(v -> candidates.add(v.asText()));
            CandidateScreening result = CandidateScreening.screen(candidates, seen, c.get("forbidDigits").asBoolean());

            List<String> accepted = new ArrayList<>();
            List<CandidateScreening.Rejected> rejected = new ArrayList<>();
            for (JsonNode o : c.get("outcome")) {
                if (o.get(1).isNull()) {
                    accepted.add(o.get(0).asText());
                } else {
                    rejected.add(new CandidateScreening.Rejected(o.get(0).asText(), DropReason.valueOf(o.get(1).asText())));
                }
            }
            assertThat(result.accepted()).isEqualTo(accepted);
            assertThat(result.rejected()).isEqualTo(rejected);
            assertThat(result.nowSeen()).containsAll(seen).containsAll(candidates);
        }
    }

    @Test
    void randomExemplarsAreThoseTheReferenceDrawsAtEachStep() {
        JsonNode numpy = Fixtures.load("/io/llmopt/opro/data/numpy_random.json");
        List<Integer> train = io.llmopt.opro.data.DatasetSplit.of(io.llmopt.opro.data.SplitSpec.gsm8kReference(), 7473).train();
        for (JsonNode c : numpy.get("randomExemplars")) {
            List<Integer> expected = new ArrayList<>();
            c.get("picked").forEach(v -> expected.add(v.asInt()));
            assertThat(ExemplarSelector.random(c.get("step").asInt(), train, 3)).isEqualTo(expected);
        }
        assertThat(ExemplarSelector.constant(train, 3)).isEqualTo(ExemplarSelector.random(0, train, 3));
    }

    @Test
    void mostFrequentSelectionsFollowTheReference() {
        for (JsonNode c : Fixtures.load("selection.json")) {
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            c.get("counts").forEach(p -> counts.put(p.get(0).asInt(), p.get(1).asInt()));
            int count = c.get("count").asInt();
            assertThat(ExemplarSelector.accumulativeMostFrequent(c.get("step").asInt(), counts, count))
                    .as("accumulative %s", c).isEqualTo(ints(c.get("accumulative")));
            assertThat(ExemplarSelector.currentMostFrequent(counts, count, new NumpyRandom(c.get("globalSeed").asLong())))
                    .as("current %s", c).isEqualTo(ints(c.get("current")));
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
