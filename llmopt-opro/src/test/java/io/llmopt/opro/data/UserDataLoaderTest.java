package io.llmopt.opro.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsJsonlWithConfiguredFields() throws Exception {
        Path file = write("qa.jsonl", """
                {"q": "What is 2+3?", "a": 5}

                {"q": "What is 4*4?", "a": "16"}
                """);
        Dataset data = UserDataLoader.load(file, new UserDataFormat("q", "a", null));
        assertThat(data.name()).isEqualTo("qa");
        assertThat(data.examples()).extracting(Example::question).containsExactly("What is 2+3?", "What is 4*4?");
        assertThat(data.examples()).extracting(Example::target).containsExactly("5", "16");
        assertThat(data.get(1).id()).isEqualTo("user/qa/1");
    }

    @Test
    void rendersMultipleChoiceAsTheReferenceDoesForMmlu() throws Exception {
        Path file = write("mc.jsonl", """
                {"question": "Sun rises in the?", "answer": "(B)", "options": ["west", "east"]}
                {"question": "Sky colour?", "answer": "blue", "options": {"A": "blue", "B": "green"}}
                """);
        Dataset data = UserDataLoader.load(file, UserDataFormat.defaults().withOptions("options"));
        assertThat(data.get(0).question()).isEqualTo("Sun rises in the?\n(A) west\n(B) east\nWhat's the answer in (A) (B)?");
        assertThat(data.get(0).target()).isEqualTo("B");
        assertThat(data.get(1).target()).isEqualTo("A");
        assertThat(data.get(1).isMultipleChoice()).isTrue();
    }

    @Test
    void readsCsvWithHeaderQuotesAndLineBreaks() throws Exception {
        Path file = write("set.csv", "id,question,answer\n1,\"Two lines,\nwith \"\"quotes\"\"\",7\n2,Plain,8\n");
        Dataset data = UserDataLoader.load(file, UserDataFormat.defaults());
        assertThat(data.examples()).extracting(Example::question).containsExactly("Two lines,\nwith \"quotes\"", "Plain");
        assertThat(data.examples()).extracting(Example::target).containsExactly("7", "8");
    }

    @Test
    void acceptsAByteOrderMarkInJsonlAsInCsv() throws Exception {
        Path jsonl = write("bom.jsonl", "\uFEFF{\"question\": \"q\", \"answer\": 1}\n");
        assertThat(UserDataLoader.load(jsonl, UserDataFormat.defaults()).get(0).question()).isEqualTo("q");
        Path csv = write("bom.csv", "\uFEFFquestion,answer\nq,1\n");
        assertThat(UserDataLoader.load(csv, UserDataFormat.defaults()).get(0).question()).isEqualTo("q");
    }

    @Test
    void acceptsAValidTwentyMegabyteLine() throws Exception {
        String question = "x".repeat(21 * 1024 * 1024);
        Path jsonl = write("long.jsonl", "{\"question\": \"" + question + "\", \"answer\": 1}\n");
        assertThat(UserDataLoader.load(jsonl, UserDataFormat.defaults()).get(0).question()).hasSize(question.length());
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndSaysSo() throws Exception {
        Path utf16 = dir.resolve("utf16.jsonl");
        Files.writeString(utf16, "\uFEFF{\"question\": \"q\", \"answer\": 1}\n", java.nio.charset.StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> UserDataLoader.load(utf16, UserDataFormat.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(utf16 + " line 1: not UTF-8");

        Path latin1 = dir.resolve("latin1.csv");
        Files.writeString(latin1, "question,answer\nok,1\ncaf\u00e9,2\n", java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> UserDataLoader.load(latin1, UserDataFormat.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(latin1 + " line 3: not UTF-8");

        Path binary = dir.resolve("blob.jsonl");
        Files.write(binary, new byte[] {'{', '"', 1, 0, (byte) 0x89, 'P', 'N', 'G', '\n'});
        assertThatThrownBy(() -> UserDataLoader.load(binary, UserDataFormat.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(binary + " line 1: not UTF-8")
                .hasMessageNotContaining("\u0001");
    }

    @Test
    void namesFileLineAndFieldOfAMalformedLine() throws Exception {
        Path jsonl = write("bad.jsonl", "{\"question\": \"ok\", \"answer\": 1}\n{\"question\": \"no answer\"}\n");
        assertThatThrownBy(() -> UserDataLoader.load(jsonl, UserDataFormat.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(jsonl + ":2: missing field 'answer'");

        Path broken = write("broken.jsonl", "{\"question\": \"ok\", \"answer\": 1}\n{not json\n");
        assertThatThrownBy(() -> UserDataLoader.load(broken, UserDataFormat.defaults()))
                .hasMessage(broken + ":2: not valid JSON");

        Path csv = write("bad.csv", "question,answer\nfine,1\n\"empty answer\",\n");
        assertThatThrownBy(() -> UserDataLoader.load(csv, UserDataFormat.defaults()))
                .hasMessage(csv + ":3: missing field 'answer'");

        Path header = write("header.csv", "prompt,answer\nx,1\n");
        assertThatThrownBy(() -> UserDataLoader.load(header, UserDataFormat.defaults()))
                .hasMessage(header + ":1: missing field 'question' in the header");
    }

    @Test
    void rejectsAMultipleChoiceAnswerThatIsNotAnOption() throws Exception {
        Path file = write("mc.jsonl", "{\"question\": \"q\", \"answer\": \"C\", \"options\": [\"x\", \"y\"]}\n");
        assertThatThrownBy(() -> UserDataLoader.load(file, UserDataFormat.defaults().withOptions("options")))
                .hasMessage(file + ":1: answer 'C' is not among the options A, B");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
