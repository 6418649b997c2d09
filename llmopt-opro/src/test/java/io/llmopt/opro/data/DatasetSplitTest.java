package io.llmopt.opro.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {
    private static final JsonNode FIXTURE = TestData.fixture("numpy_random.json");

    @Test
    void reproducesTheReferenceSplitsForEveryDataSetSize() {
        JsonNode splits = FIXTURE.get("splits");
        assertThat(splits).hasSizeGreaterThan(200);
        for (JsonNode c : splits) {
            int n = c.get("n").asInt();
            DatasetSplit split = DatasetSplit.of(SplitSpec.fractions(c.get("trainRatio").asDouble(), c.get("evalRatio").asDouble(), 0), n);
            String what = c.get("name").asText() + " " + c.get("trainRatio") + "/" + c.get("evalRatio");
            assertThat(split.train()).as(what).isEqualTo(TestData.ints(c.get("train")));
            assertThat(split.validation()).as(what).isEqualTo(TestData.ints(c.get("eval")));
            List<Integer> all = new ArrayList<>(split.train());
            all.addAll(split.validation());
            all.addAll(split.test());
            assertThat(all).as(what).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
            assertThat(split.test()).isSorted();
        }
    }

    @Test
    void gsm8kReferenceSplitHas261TrainingExamples() {
        Dataset train = DatasetSource.defaults().withUserFolder(TestData.oproData()).gsm8k("train");
        DatasetSplit split = DatasetSplit.of(SplitSpec.gsm8kReference(), train);
        assertThat(split.train()).hasSize(261).startsWith(29, 33, 38, 39, 42, 49, 72, 98, 134, 144);
        assertThat(split.validation()).isEmpty();
        assertThat(split.test()).hasSize(7473 - 261);
    }

    @Test
    void perTaskSplitDrawsEachTaskAsTheReferenceDoesForASingleTask() {
        List<String> tasks = List.of("navigate", "object_counting", "snarks");
        Dataset bbh = BbhLoader.load(TestData.oproData().resolve("BIG-Bench-Hard-data"), tasks);
        DatasetSplit split = DatasetSplit.of(SplitSpec.bbhReference(), bbh);
        List<Integer> expected = new ArrayList<>();
        int offset = 0;
        for (String task : tasks) {
            JsonNode c = find("bbh/" + task, 0.2, 0);
            for (int i : TestData.ints(c.get("train"))) {
                expected.add(i + offset);
            }
            offset += c.get("n").asInt();
        }
        assertThat(split.train()).isEqualTo(expected);
        assertThat(split.train().size() + split.test().size()).isEqualTo(bbh.size());
    }

    @Test
    void countsAreTakenLiterally() {
        DatasetSplit split = DatasetSplit.of(SplitSpec.counts(10, 5, 0), 100);
        assertThat(split.train()).hasSize(10);
        assertThat(split.validation()).hasSize(5);
        assertThat(split.test()).hasSize(85);
        // A count equal to what the fraction gives draws the same examples.
        assertThat(DatasetSplit.of(SplitSpec.counts(261, 0, 0), 7473).train())
                .isEqualTo(DatasetSplit.of(SplitSpec.gsm8kReference(), 7473).train());
    }

    @Test
    void specAndSplitSurviveJson() throws Exception {
        SplitSpec spec = SplitSpec.bbhReference();
        String json = TestData.MAPPER.writeValueAsString(spec);
        assertThat(TestData.MAPPER.readValue(json, SplitSpec.class)).isEqualTo(spec);
        DatasetSplit split = DatasetSplit.of(SplitSpec.fractions(0.5, 0.25, 3), 40);
        DatasetSplit back = TestData.MAPPER.readValue(TestData.MAPPER.writeValueAsString(split), DatasetSplit.class);
        assertThat(back).isEqualTo(split);
        assertThat(DatasetSplit.of(back.spec(), 40)).isEqualTo(split);
    }

    @Test
    void rejectsInconsistentSpecs() {
        assertThatThrownBy(() -> SplitSpec.fractions(0.9, 0.2, 0)).hasMessageContaining("more than 1");
        assertThatThrownBy(() -> new SplitSpec(0.5, 10, null, null, 0, false)).hasMessageContaining("either");
        assertThatThrownBy(() -> DatasetSplit.of(SplitSpec.counts(90, 20, 0), 100)).hasMessageContaining("validation count");
    }

    private static JsonNode find(String name, double train, double eval) {
        for (JsonNode c : FIXTURE.get("splits")) {
            if (c.get("name").asText().equals(name) && c.get("trainRatio").asDouble() == train
                    && c.get("evalRatio").asDouble() == eval) {
                return c;
            }
        }
        throw new AssertionError("no fixture for " + name);
    }
}
