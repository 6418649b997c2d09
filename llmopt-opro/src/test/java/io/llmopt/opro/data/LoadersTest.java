package io.llmopt.opro.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark file of the shared data, loaded, against question texts and targets computed
 * by a transcription of the reference's formatting ({@code eval_utils.gen_prompt}'s question part).
 */
class LoadersTest {
    private static final JsonNode FIXTURE = TestData.fixture("datasets.json");
    private final DatasetSource source = DatasetSource.defaults().withUserFolder(TestData.oproData())
            .withCacheFolder(TestData.oproData().resolve("no-cache-in-tests"));

    @Test
    void everyDataSetMatchesTheReferenceFormatting() throws Exception {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = FIXTURE.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Dataset dataset = load(entry.getKey());
            JsonNode expected = entry.getValue();
            assertThat(dataset.size()).as(entry.getKey()).isEqualTo(expected.get("count").asInt());
            for (int i = 0; i < expected.get("first").size(); i++) {
                assertThat(dataset.get(i).question()).isEqualTo(expected.get("first").get(i).get("question").asText());
                assertThat(dataset.get(i).target()).isEqualTo(expected.get("first").get(i).get("target").asText());
            }
            assertThat(digest(dataset)).as(entry.getKey()).isEqualTo(expected.get("sha256").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(2 + 27 + 57 + 2);
    }

    @Test
    void examplesCarryStableIdsTasksAndOptions() {
        Example bbh = source.bbh(java.util.List.of("date_understanding")).get(4);
        assertThat(bbh.id()).isEqualTo("bbh/date_understanding/4");
        assertThat(bbh.options()).containsKeys("A", "B", "C", "D", "E", "F");
        assertThat(bbh.target()).matches("\\([A-F]\\)");

        Example mmlu = source.mmluSubject("abstract_algebra").get(0);
        assertThat(mmlu.id()).isEqualTo("mmlu/abstract_algebra/0");
        assertThat(mmlu.options()).containsExactly(Map.entry("A", "0"), Map.entry("B", "4"), Map.entry("C", "2"),
                Map.entry("D", "6"));
        assertThat(mmlu.target()).isEqualTo("B");

        Example aqua = source.aqua().get(0);
        assertThat(aqua.options()).containsKeys("A", "B", "C", "D", "E");
        assertThat(aqua.question()).contains("\n(A)5(").endsWith("\nWhat's the answer in (A) (B) (C) (D) (E)?");
    }

    @Test
    void mmluCategoriesCoverAllSubjectsOnce() {
        int total = 0;
        for (MmluCategory category : MmluCategory.values()) {
            total += category.subjects().size();
        }
        assertThat(total).isEqualTo(57);
        assertThat(MmluCategory.allSubjects()).hasSize(57);
        assertThat(MmluCategory.of("high_school_physics")).isEqualTo(MmluCategory.STEM);
        assertThat(MmluCategory.of("professional_law")).isEqualTo(MmluCategory.HUMANITIES);
        assertThat(MmluCategory.of("sociology")).isEqualTo(MmluCategory.SOCIAL_SCIENCES);
        assertThat(MmluCategory.of("virology")).isEqualTo(MmluCategory.OTHER);
        assertThat(MmluCategory.fromName("social sciences")).isEqualTo(MmluCategory.SOCIAL_SCIENCES);
        assertThat(MmluCategory.fromName("other")).isEqualTo(MmluCategory.OTHER);

        Dataset stem = source.mmluCategory(MmluCategory.STEM);
        assertThat(stem.task()).isEqualTo("STEM");
        assertThat(stem.get(0).task()).isEqualTo("abstract_algebra");
        assertThat(stem.size()).isEqualTo(MmluCategory.STEM.subjects().stream()
                .mapToInt(s -> source.mmluSubject(s).size()).sum());
    }

    @Test
    void allBbhTasksLoadTogetherInOrder() {
        Dataset all = BbhLoader.loadAll(TestData.oproData().resolve("BIG-Bench-Hard-data"));
        assertThat(all.examples()).extracting(Example::task).containsSubsequence(BbhTasks.ALL.toArray(String[]::new));
        assertThat(all.examples().stream().map(Example::id).distinct().count()).isEqualTo(all.size());
    }

    private Dataset load(String key) {
        if (key.startsWith("gsm8k/")) {
            return source.gsm8k(key.substring(6));
        }
        if (key.startsWith("bbh/")) {
            return source.bbh(java.util.List.of(key.substring(4)));
        }
        if (key.startsWith("mmlu/")) {
            return source.mmluSubject(key.substring(5));
        }
        return key.equals("aqua") ? source.aqua() : source.multiArith();
    }

    private static String digest(Dataset dataset) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Example e : dataset.examples()) {
            sha.update(e.question().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(e.target().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 1);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
