package io.llmopt.bpo.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheSharedBpoExamplesWithAndWithoutContext() {
        ReadResult<PreferenceRecord> ctx = PreferenceReader.auto().read(SharedData.bpo("data_construction/examples_ctx.json"));
        assertThat(ctx.report().clean()).isTrue();
        assertThat(ctx.records()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.hasContext()).isTrue();
            assertThat(r.instruction()).isNotBlank();
            assertThat(r.goodResponse()).isNotBlank();
            assertThat(r.badResponse()).isNotBlank();
        });
        PreferenceRecord first = ctx.records().getFirst();
        assertThat(first.instruction()).isEqualTo("Write a story about a person who has to overcome adversity to succeed.");
        assertThat(first.context()).isEmpty();
        assertThat(first.source().line()).isEqualTo(2);
        assertThat(first.source().recordIndex()).isZero();

        ReadResult<PreferenceRecord> noCtx = PreferenceReader.auto().read(SharedData.bpo("data_construction/examples_no_ctx.json"));
        assertThat(noCtx.records()).hasSize(2).allSatisfy(r -> assertThat(r.hasContext()).isFalse());
        assertThat(noCtx.records().getFirst().instruction()).isEqualTo("Name a famous scientist who won a Nobel Prize.");
        assertThat(noCtx.report().summary()).isEqualTo("examples_no_ctx.json: 2 read, 0 skipped");
    }

    /** BPO's own test set names the instruction 'prompt' next to good_res/bad_res: every record of it is read. */
    @Test
    void readsBposOwnTestSetWithItsPromptField() {
        ReadResult<PreferenceRecord> read = PreferenceReader.auto().read(SharedData.bpo("testset/bpo_test.json"));

        assertThat(read.report().skipped()).as(read.report().summary()).isZero();
        assertThat(read.records()).hasSize(200);
        assertThat(read.records().get(0).instruction()).isEqualTo("Complete the lyrics of the following song\nOh stars in the night,");
        assertThat(read.records().get(0).badResponse()).isEqualTo("Shine so bright and guide me right.");
    }

    @Test
    void idsAreStableAcrossReads() {
        Path file = SharedData.bpo("data_construction/examples_no_ctx.json");
        assertThat(PreferenceReader.auto().read(file).records()).extracting(PreferenceRecord::id)
                .isEqualTo(PreferenceReader.auto().read(file).records().stream().map(PreferenceRecord::id).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void hhRlhfTranscriptsYieldThePromptAndTheFinalResponses() throws IOException {
        Path file = write("hh.jsonl", """
                {"chosen": "\\n\\nHuman: How do I boil an egg?\\n\\nAssistant: Put it in boiling water for 9 minutes.", "rejected": "\\n\\nHuman: How do I boil an egg?\\n\\nAssistant: Eggs are laid by hens."}
                {"chosen": "\\n\\nHuman: Hi\\n\\nAssistant: Hello\\n\\nHuman: Tell a joke\\n\\nAssistant: Knock knock.", "rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Hello\\n\\nHuman: Tell a joke\\n\\nAssistant: No."}
                {"chosen": "\\n\\nHuman: A?\\n\\nAssistant: yes", "rejected": "\\n\\nHuman: B?\\n\\nAssistant: no"}
                """);
        ReadResult<PreferenceRecord> result = PreferenceReader.auto().read(file);
        assertThat(result.records()).singleElement().satisfies(r -> {
            assertThat(r.instruction()).isEqualTo("How do I boil an egg?");
            assertThat(r.goodResponse()).isEqualTo("Put it in boiling water for 9 minutes.");
            assertThat(r.badResponse()).isEqualTo("Eggs are laid by hens.");
            assertThat(r.context()).isNull();
        });
        assertThat(result.report().skipped()).isEqualTo(2);
        assertThat(result.report().problems()).extracting(p -> p.location().line()).containsExactly(2L, 3L);
        assertThat(result.report().problems().get(0).message()).contains("multi-turn");
        assertThat(result.report().problems().get(1).message()).contains("different prompts");
    }

    @Test
    void ultraFeedbackStylePromptWithMessageLists() throws IOException {
        Path file = write("uf.json", """
                [
                  {"prompt": "Summarise the plot of Hamlet.",
                   "chosen": [{"role": "user", "content": "Summarise the plot of Hamlet."},
                              {"role": "assistant", "content": "Prince Hamlet avenges his father..."}],
                   "rejected": [{"role": "user", "content": "Summarise the plot of Hamlet."},
                                {"role": "assistant", "content": "It is a play."}]},
                  {"prompt": "Q", "chosen": "plain good", "rejected": "plain bad", "id": 17},
                  {"chosen": [{"role": "assistant", "content": "only a reply"}], "rejected": "x"}
                ]
                """);
        ReadResult<PreferenceRecord> result = PreferenceReader.auto().read(file);
        assertThat(result.records()).hasSize(2);
        assertThat(result.records().get(0).goodResponse()).isEqualTo("Prince Hamlet avenges his father...");
        assertThat(result.records().get(0).badResponse()).isEqualTo("It is a play.");
        assertThat(result.records().get(1).id()).isEqualTo("17");
        assertThat(result.records().get(1).goodResponse()).isEqualTo("plain good");
        assertThat(result.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(8);
            assertThat(p.location().recordIndex()).isEqualTo(2);
            assertThat(p.message()).contains("no instruction");
        });
    }

    @Test
    void userMappingOfFieldNames() throws IOException {
        Path file = write("mine.jsonl", """
                {"q": "Explain DNS.", "better": "DNS maps names to addresses...", "worse": "idk", "key": "a1", "ctx": "for kids"}
                """);
        FieldMapping mapping = new FieldMapping("q", "ctx", "better", "worse", "key");
        PreferenceRecord r = PreferenceReader.withMapping(mapping).read(file).records().getFirst();
        assertThat(r).extracting(PreferenceRecord::id, PreferenceRecord::instruction, PreferenceRecord::context,
                        PreferenceRecord::goodResponse, PreferenceRecord::badResponse)
                .containsExactly("a1", "Explain DNS.", "for kids", "DNS maps names to addresses...", "idk");
    }

    @Test
    void malformedRecordsAreReportedWithFileLineAndIndexAndSkipped() throws IOException {
        Path file = write("broken.jsonl", """
                {"instruction": "ok", "good_res": "g", "bad_res": "b"}
                {"instruction": "no bad", "good_res": "g"}
                this is not json

                [1, 2]
                {"instruction": 5, "good_res": "g", "bad_res": "b"}
                {"something": "else"}
                {"instruction": "", "good_res": "g", "bad_res": "b"}
                """);
        ReadResult<PreferenceRecord> result = PreferenceReader.auto().read(file);
        assertThat(result.records()).extracting(PreferenceRecord::instruction).containsExactly("ok");
        ReadReport report = result.report();
        assertThat(report.read()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(6);
        assertThat(report.problems()).extracting(p -> p.location().line()).containsExactly(2L, 3L, 5L, 6L, 7L, 8L);
        assertThat(report.problems()).extracting(p -> p.location().recordIndex()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.location().file()).isEqualTo(file));
        assertThat(report.problems().get(0).message()).contains("'bad_res' is missing");
        assertThat(report.problems().get(1).message()).contains("invalid JSON");
        assertThat(report.problems().get(2).message()).contains("expected a JSON object, found array");
        assertThat(report.problems().get(3).message()).contains("must be text");
        assertThat(report.problems().get(4).message()).contains("neither good_res/bad_res nor chosen/rejected");
        assertThat(report.problems().get(5).message()).contains("empty");
        assertThat(report.problems().get(0).toString()).startsWith(file + ":2 (record 1): ");
    }

    @Test
    void aBrokenJsonArrayKeepsWhatWasReadAndSaysWhereItBroke() throws IOException {
        Path file = write("cut.json", """
                [
                  {"instruction": "a", "good_res": "g", "bad_res": "b"},
                  {"instruction": "b", "good_res": "g", "bad_res": "b"},
                  {"instruction": "c", "good_res": "g" "bad_res": "b"}
                ]
                """);
        ReadResult<PreferenceRecord> result = PreferenceReader.auto().read(file);
        assertThat(result.records()).hasSize(2);
        assertThat(result.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.message()).contains("rest of the file was not read");
        });
        assertThat(result.report().summary()).contains("file ended early");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }
}
