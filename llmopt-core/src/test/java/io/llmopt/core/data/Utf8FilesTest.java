package io.llmopt.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8FilesTest {

    @TempDir
    Path dir;

    @Test
    void dropsAByteOrderMarkAndKeepsTheRest() throws Exception {
        Path file = dir.resolve("a.jsonl");
        Files.writeString(file, "\uFEFF{\"q\": \"caf\u00e9\"}\n", StandardCharsets.UTF_8);
        assertThat(Utf8Files.read(file)).isEqualTo("{\"q\": \"caf\u00e9\"}\n");
    }

    @Test
    void refusesUtf16Latin1AndBinaryNamingTheLine() throws Exception {
        Path utf16 = dir.resolve("u16.jsonl");
        Files.writeString(utf16, "{}\n{}\n", StandardCharsets.UTF_16LE); // no byte-order mark: NUL bytes
        assertThatThrownBy(() -> Utf8Files.read(utf16)).isInstanceOf(NotUtf8Exception.class)
                .hasMessageStartingWith(utf16 + " line 1: not UTF-8 (a NUL byte");
        Path latin1 = dir.resolve("l1.jsonl");
        Files.writeString(latin1, "{}\n{}\n{\"q\": \"\u00e9\"}\n", StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Utf8Files.read(latin1)).isInstanceOf(NotUtf8Exception.class)
                .hasMessageStartingWith(latin1 + " line 3: not UTF-8 (byte 0xE9");
    }

    @Test
    void aLongValueIsReadAndTheLimitIsSaidToBeALength() throws Exception {
        String text = "{\"q\": \"" + "y".repeat(25_000_000) + "\"}";
        assertThat(DataJson.mapper().readTree(text).get("q").asText()).hasSize(25_000_000);
        assertThat(DataJson.problem(new com.fasterxml.jackson.core.exc.StreamConstraintsException("x")))
                .startsWith("too long");
    }
}
