package io.llmopt.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a data file as UTF-8, strictly: Java's lenient decoding would turn a Latin-1 or UTF-16 file
 * into replacement characters or a bare "cannot read", so a file that is not UTF-8 is refused naming
 * the first line that is not and what it looks like. A UTF-8 byte-order mark, as Windows tools
 * write, is dropped. A NUL byte is valid UTF-8 but never in a text data set: it means UTF-16 without a
 * byte-order mark, or a binary file.
 */
public final class Utf8Files {

    private Utf8Files() {
    }

    /** The file's text without a leading byte-order mark. */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new NotUtf8Exception(file, 1, "it starts with a UTF-16 byte-order mark");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new NotUtf8Exception(file, lineOf(bytes, i), "a NUL byte: UTF-16 or a binary file");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new NotUtf8Exception(file, lineOf(bytes, at),
                    String.format("byte 0x%02X at offset %d; Latin-1 or another encoding?", bytes[at] & 0xFF, at));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
