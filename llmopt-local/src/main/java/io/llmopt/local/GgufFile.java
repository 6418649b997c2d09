package io.llmopt.local;


import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * What a GGUF file says about itself, read and checked in Java before native code sees the file.
 *
 * <p>llama.cpp handles a damaged file badly (a truncated one can crash the process), so the header,
 * the metadata and every tensor's extent are checked here: a file that passes is at least
 * structurally whole. Only the few metadata values the server needs are kept.
 *
 * @param architecture   {@code general.architecture}, e.g. "llama" or "qwen2"
 * @param name           {@code general.name}, or the file name when absent
 * @param contextLength  the trained context length, or 0 when the file does not say
 * @param hasChatTemplate whether {@code tokenizer.chat_template} is present
 * @param tensorCount    number of tensors
 */
public record GgufFile(String architecture, String name, long contextLength, boolean hasChatTemplate, long tensorCount) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final long MAX_STRING = 64L << 20;
    private static final long MAX_COUNT = 1L << 28;

    /** Reads and checks {@code file}; throws {@link LocalModelException} saying what is wrong. */
    public static GgufFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LocalModelException("the model file " + file + " does not exist");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Reader(channel, file).read();
        } catch (EOFException e) {
            throw bad(file, "it ends inside its header (truncated download?)");
        } catch (IOException e) {
            throw new LocalModelException("could not read the model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static LocalModelException bad(Path file, String why) {
        return new LocalModelException("the model file " + file + " is not a usable GGUF model: " + why
                + "; download it again or pick another file");
    }

    /** Sequential little-endian reads over the file, buffered. */
    private static final class Reader {
        private final FileChannel channel;
        private final Path file;
        private final long size;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Reader(FileChannel channel, Path file) throws IOException {
            this.channel = channel;
            this.file = file;
            this.size = channel.size();
            buffer.limit(0);
        }

        GgufFile read() throws IOException {
            if (size < 24) {
                throw bad(file, "it is only " + size + " bytes long");
            }
            if (i32() != MAGIC) {
                throw bad(file, "it does not start with the GGUF magic bytes");
            }
            int version = i32();
            if (version < 2 || version > 3) {
                throw bad(file, "GGUF version " + version + " is not supported (2 and 3 are)");
            }
            long tensors = count("tensor count");
            long keys = count("metadata count");
            Map<String, Object> kept = new HashMap<>();
            for (long i = 0; i < keys; i++) {
                String key = string();
                Object value = value(u32AsInt());
                if (key.equals("general.architecture") || key.equals("general.name") || key.equals("general.alignment")
                        || key.endsWith(".context_length") || key.equals("tokenizer.chat_template")) {
                    kept.put(key, value);
                }
            }
            long dataEnd = 0;
            for (long i = 0; i < tensors; i++) {
                String name = string();
                int dims = u32AsInt();
                if (dims < 1 || dims > 4) {
                    throw bad(file, "tensor " + name + " has " + dims + " dimensions");
                }
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    long n = i64();
                    if (n < 0 || (n > 0 && elements > Long.MAX_VALUE / n)) {
                        throw bad(file, "tensor " + name + " has an impossible shape");
                    }
                    elements *= n;
                }
                int type = u32AsInt();
                long offset = i64();
                long bytes = GgmlType.bytes(type, elements);
                if (bytes < 0) {
                    throw bad(file, "tensor " + name + " has the unknown type " + type + " (a newer llama.cpp format?)");
                }
                if (offset < 0) {
                    throw bad(file, "tensor " + name + " has a negative offset");
                }
                dataEnd = Math.max(dataEnd, offset + bytes);
            }
            long alignment = kept.get("general.alignment") instanceof Number n ? n.longValue() : DEFAULT_ALIGNMENT;
            if (alignment <= 0) {
                throw bad(file, "general.alignment is " + alignment);
            }
            long dataStart = (position + alignment - 1) / alignment * alignment;
            if (dataStart + dataEnd > size) {
                throw bad(file, "it is truncated: its tensors need " + (dataStart + dataEnd) + " bytes but the file has " + size);
            }
            String architecture = kept.get("general.architecture") instanceof String s ? s : null;
            if (architecture == null) {
                throw bad(file, "general.architecture is missing");
            }
            Object ctx = kept.get(architecture + ".context_length");
            String name = kept.get("general.name") instanceof String s ? s : file.getFileName().toString();
            return new GgufFile(architecture, name, ctx instanceof Number n ? n.longValue() : 0,
                    kept.containsKey("tokenizer.chat_template"), tensors);
        }

        private Object value(int type) throws IOException {
            return switch (type) {
                case 0, 1 -> (long) bytes(1).get();
                case 2, 3 -> (long) bytes(2).getShort();
                case 4 -> (long) i32() & 0xFFFFFFFFL;
                case 5 -> (long) i32();
                case 6 -> (double) bytes(4).getFloat();
                case 7 -> bytes(1).get() != 0;
                case 8 -> string();
                case 9 -> array();
                case 10, 11 -> i64();
                case 12 -> bytes(8).getDouble();
                default -> throw bad(file, "metadata has the unknown value type " + type);
            };
        }

        /** Skips an array: the server needs no array values. */
        private Object array() throws IOException {
            int type = u32AsInt();
            long n = count("array length");
            for (long i = 0; i < n; i++) {
                value(type);
            }
            return null;
        }

        private String string() throws IOException {
            long length = i64();
            if (length < 0 || length > MAX_STRING || position + length > size) {
                throw bad(file, "a metadata string has the impossible length " + length);
            }
            byte[] b = new byte[(int) length];
            int done = 0;
            while (done < b.length) {
                int chunk = Math.min(b.length - done, buffer.capacity());
                bytes(chunk).get(b, done, chunk);
                done += chunk;
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        private long count(String what) throws IOException {
            long n = i64();
            if (n < 0 || n > MAX_COUNT) {
                throw bad(file, "the " + what + " " + n + " is impossible");
            }
            return n;
        }

        private int u32AsInt() throws IOException {
            return i32();
        }

        private int i32() throws IOException {
            return bytes(4).getInt();
        }

        private long i64() throws IOException {
            return bytes(8).getLong();
        }

        /** Makes {@code n} bytes readable from the buffer and advances the position past them. */
        private ByteBuffer bytes(int n) throws IOException {
            if (buffer.remaining() < n) {
                buffer.compact();
                while (buffer.position() < n) {
                    if (channel.read(buffer) < 0) {
                        throw new EOFException();
                    }
                }
                buffer.flip();
            }
            position += n;
            return buffer;
        }
    }
}
