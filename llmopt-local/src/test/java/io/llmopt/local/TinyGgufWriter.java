package io.llmopt.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a deterministic random-weight llama model as GGUF v3, so that the native path can be
 * tested end to end without downloading real weights.
 *
 * <p>The vocabulary is GPT-2 style byte-level BPE: the 256 byte symbols, a few merges, and the
 * ChatML control tokens, with a ChatML chat template. Norm weights are F32; matrices are F32 or
 * Q8_0 (the benchmark uses Q8_0 so that speed resembles a real quantised model).
 */
final class TinyGgufWriter {

    /** The model's shape. */
    record Shape(int embedding, int layers, int heads, int kvHeads, int feedForward, int extraVocab, boolean q8) {
        static Shape tiny() {
            return new Shape(64, 2, 4, 2, 128, 0, false);
        }

        /** Qwen2.5-0.5B's dimensions with a llama graph (no q/k/v biases) and a reduced vocabulary. */
        static Shape qwen05bLike() {
            return new Shape(896, 24, 14, 2, 4864, 32_000 - 256 - 8, true);
        }
    }

    static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
            + "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final int F32 = 0;
    private static final int Q8_0 = 8;
    private static final int ALIGNMENT = 32;
    private static final String[] MERGES = {"Ġ t", "h e", "i n", "e r", "Ġ a", "o n"};

    private record Tensor(String name, long[] dims, int type, byte[] data) {
    }

    private TinyGgufWriter() {
    }

    static Path write(Path file, Shape shape, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> tokens = vocabulary(shape.extraVocab());
        int vocab = tokens.size();
        int headDim = shape.embedding() / shape.heads();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(matrix("token_embd.weight", shape.embedding(), vocab, shape.q8(), random));
        tensors.add(ones("output_norm.weight", shape.embedding()));
        for (int i = 0; i < shape.layers(); i++) {
            String p = "blk." + i + ".";
            tensors.add(ones(p + "attn_norm.weight", shape.embedding()));
            tensors.add(matrix(p + "attn_q.weight", shape.embedding(), headDim * shape.heads(), shape.q8(), random));
            tensors.add(matrix(p + "attn_k.weight", shape.embedding(), headDim * shape.kvHeads(), shape.q8(), random));
            tensors.add(matrix(p + "attn_v.weight", shape.embedding(), headDim * shape.kvHeads(), shape.q8(), random));
            tensors.add(matrix(p + "attn_output.weight", headDim * shape.heads(), shape.embedding(), shape.q8(), random));
            tensors.add(ones(p + "ffn_norm.weight", shape.embedding()));
            tensors.add(matrix(p + "ffn_gate.weight", shape.embedding(), shape.feedForward(), shape.q8(), random));
            tensors.add(matrix(p + "ffn_up.weight", shape.embedding(), shape.feedForward(), shape.q8(), random));
            tensors.add(matrix(p + "ffn_down.weight", shape.feedForward(), shape.embedding(), shape.q8(), random));
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "llmopt-tiny-test");
        kv.put("general.alignment", ALIGNMENT);
        kv.put("llama.context_length", 8192);
        kv.put("llama.embedding_length", shape.embedding());
        kv.put("llama.block_count", shape.layers());
        kv.put("llama.feed_forward_length", shape.feedForward());
        kv.put("llama.attention.head_count", shape.heads());
        kv.put("llama.attention.head_count_kv", shape.kvHeads());
        kv.put("llama.rope.dimension_count", headDim);
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.put("tokenizer.ggml.model", "gpt2");
        kv.put("tokenizer.ggml.pre", "default");
        kv.put("tokenizer.ggml.tokens", tokens);
        kv.put("tokenizer.ggml.token_type", tokenTypes(tokens));
        kv.put("tokenizer.ggml.merges", List.of(MERGES));
        kv.put("tokenizer.ggml.bos_token_id", tokens.indexOf("<|endoftext|>"));
        kv.put("tokenizer.ggml.eos_token_id", tokens.indexOf("<|im_end|>"));
        kv.put("tokenizer.ggml.add_bos_token", false);
        kv.put("tokenizer.chat_template", CHATML_TEMPLATE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            writeFile(out, kv, tensors);
        }
        return file;
    }

    private static List<String> vocabulary(int extra) {
        List<String> tokens = new ArrayList<>(byteSymbols());
        for (String merge : MERGES) {
            tokens.add(merge.replace(" ", ""));
        }
        // Filler tokens stand in for a big vocabulary's embedding and output cost in the benchmark.
        for (int i = 0; i < extra; i++) {
            tokens.add("<|filler_" + i + "|>");
        }
        tokens.add("<|endoftext|>");
        tokens.add("<|im_start|>");
        tokens.add("<|im_end|>");
        return tokens;
    }

    /** GPT-2's byte-to-symbol table: printable bytes map to themselves, the rest to U+0100 onwards. */
    private static List<String> byteSymbols() {
        List<String> symbols = new ArrayList<>(256);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            symbols.add(String.valueOf((char) (printable ? b : 256 + shifted++)));
        }
        return symbols;
    }

    private static List<Integer> tokenTypes(List<String> tokens) {
        List<Integer> types = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            boolean control = t.startsWith("<|") && !t.startsWith("<|filler_");
            types.add(control ? 3 : 1);
        }
        return types;
    }

    private static Tensor ones(String name, int n) {
        ByteBuffer b = le(4L * n);
        for (int i = 0; i < n; i++) {
            b.putFloat(1f);
        }
        return new Tensor(name, new long[] {n}, F32, b.array());
    }

    /** A matrix with ne0 = {@code columns} (the input size) and ne1 = {@code rows}. */
    private static Tensor matrix(String name, int columns, int rows, boolean q8, SplittableRandom random) {
        long count = (long) columns * rows;
        float scale = (float) (1.0 / Math.sqrt(columns));
        if (!q8) {
            ByteBuffer b = le(4 * count);
            for (long i = 0; i < count; i++) {
                b.putFloat((float) ((random.nextDouble() * 2 - 1) * scale * 1.7));
            }
            return new Tensor(name, new long[] {columns, rows}, F32, b.array());
        }
        // Q8_0: blocks of 32 int8 values sharing one F16 scale.
        ByteBuffer b = le(count / 32 * 34);
        short d = Float.floatToFloat16(scale * 1.7f / 127f);
        byte[] quants = new byte[32];
        for (long block = 0; block < count / 32; block++) {
            b.putShort(d);
            for (int j = 0; j < 32; j++) {
                quants[j] = (byte) (random.nextInt(255) - 127);
            }
            b.put(quants);
        }
        return new Tensor(name, new long[] {columns, rows}, Q8_0, b.array());
    }

    private static void writeFile(OutputStream out, Map<String, Object> kv, List<Tensor> tensors) throws IOException {
        GgufOut o = new GgufOut(out);
        o.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        o.u32(3);
        o.u64(tensors.size());
        o.u64(kv.size());
        for (Map.Entry<String, Object> e : kv.entrySet()) {
            o.string(e.getKey());
            o.value(e.getValue());
        }
        long offset = 0;
        for (Tensor t : tensors) {
            o.string(t.name());
            o.u32(t.dims().length);
            for (long d : t.dims()) {
                o.u64(d);
            }
            o.u32(t.type());
            o.u64(offset);
            offset = align(offset + t.data().length);
        }
        o.pad();
        for (Tensor t : tensors) {
            o.bytes(t.data());
            o.pad();
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static ByteBuffer le(long size) {
        return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Little-endian GGUF primitives over a stream that counts what it wrote, for alignment. */
    private static final class GgufOut {
        private final OutputStream out;
        private long written;

        GgufOut(OutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        void u32(int v) throws IOException {
            bytes(le(4).putInt(v).array());
        }

        void u64(long v) throws IOException {
            bytes(le(8).putLong(v).array());
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void pad() throws IOException {
            bytes(new byte[(int) (align(written) - written)]);
        }

        void value(Object v) throws IOException {
            switch (v) {
                case String s -> {
                    u32(8);
                    string(s);
                }
                case Integer i -> {
                    u32(4);
                    u32(i);
                }
                case Float f -> {
                    u32(6);
                    bytes(le(4).putFloat(f).array());
                }
                case Boolean bool -> {
                    u32(7);
                    bytes(new byte[] {(byte) (bool ? 1 : 0)});
                }
                case List<?> list -> {
                    u32(9);
                    boolean strings = !list.isEmpty() && list.get(0) instanceof String;
                    u32(strings || list.isEmpty() ? 8 : 5);
                    u64(list.size());
                    for (Object item : list) {
                        if (item instanceof String s) {
                            string(s);
                        } else {
                            u32((Integer) item);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unsupported metadata value " + v);
            }
        }
    }
}
