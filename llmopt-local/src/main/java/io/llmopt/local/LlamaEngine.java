package io.llmopt.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.PoolingType;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.MessageRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * llama.cpp through the de.kherud bindings: one model per process, loaded once and kept.
 *
 * <p>The bindings' hazards shape this class. The GGUF file is checked in Java first
 * ({@link GgufFile}); every parameter is validated before it crosses into native code; embeddings
 * use LAST pooling (MEAN aborts the process on decoder models); and the model is never closed,
 * because closing leaks memory and a thread: the process exits instead.
 *
 * <p>Chat prompts are rendered by the {@link ChatTemplate} chosen at load (by default the GGUF's
 * own; llama.cpp falls back to ChatML when a file has none); raw prompts are used as given. Either
 * way the engine tokenizes the text itself and adds BOS per its {@link BosPolicy}, then hands
 * llama.cpp the token ids, so that the tokens the model receives are the ones reported as prompt
 * tokens. The bindings do not report completion token counts or why a completion ended, so
 * completion tokens are counted as the larger of the streamed pieces (one per token, except that a
 * character split across tokens arrives as one piece) and the re-tokenised text, capped at the
 * limit; reaching the limit without a stop reads as LENGTH.
 *
 * <p>llama.cpp has no minimum length, so {@code min_tokens} runs in two phases: the first
 * {@code min_tokens} tokens with every end-of-generation token and the stop token ids banned and
 * no stop string checked (vLLM's semantics), then the rest from the prompt plus that text,
 * re-tokenised.
 */
public final class LlamaEngine implements InferenceEngine {

    private final LlamaModel model;
    private final String name;
    private final EngineSettings settings;
    private final GgufFile.Tokenizer tokenizer;
    private final ChatTemplate template;
    private final BosPolicy bos;

    private LlamaEngine(LlamaModel model, String name, EngineSettings settings, GgufFile.Tokenizer tokenizer,
                        ChatTemplate template, BosPolicy bos) {
        this.model = model;
        this.name = name;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.template = template;
        this.bos = bos;
    }

    /** Loads with the GGUF's chat template and its own BOS setting. */
    public static LlamaEngine load(Path file, String name, EngineSettings requested) {
        return load(file, name, requested, ChatTemplate.gguf(), BosPolicy.MODEL);
    }

    /**
     * Checks the file, then loads it. Call once per process.
     *
     * @param name     the name to serve the model under, or null for the file's {@code general.name}
     * @param template how chat messages become a prompt
     * @param bos      whether prompts start with BOS
     */
    public static LlamaEngine load(Path file, String name, EngineSettings requested, ChatTemplate template,
                                   BosPolicy bos) {
        GgufFile gguf = GgufFile.read(file);
        EngineSettings settings = requested.cappedAt(gguf.contextLength());
        NativeRuntime.prepare();
        ModelParameters params = new ModelParameters()
                .setModel(file.toAbsolutePath().toString())
                .setThreads(settings.threads())
                .setThreadsBatch(settings.threads())
                .setCtxSize(settings.totalContext())
                .setParallel(settings.parallel())
                .setBatchSize(settings.batchSize())
                .setUbatchSize(settings.batchSize())
                .enableEmbedding()
                .setPoolingType(PoolingType.LAST)
                .disableLog();
        switch (template.kind()) {
            case CHATML -> params.setChatTemplate("chatml");
            case FILE -> params.setChatTemplate(template.readFile()).enableJinja();
            default -> {
                // GGUF: llama.cpp reads the file's template; NONE: no template is ever applied
            }
        }
        LlamaModel model;
        try {
            model = new LlamaModel(params);
        } catch (RuntimeException e) {
            throw new LocalModelException("llama.cpp could not load " + file + " (architecture " + gguf.architecture()
                    + "): " + e.getMessage(), e);
        }
        return new LlamaEngine(model, name != null ? name : gguf.name(), settings, gguf.tokenizer(), template, bos);
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public int contextPerSlot() {
        return settings.contextPerSlot();
    }

    public EngineSettings settings() {
        return settings;
    }

    public ChatTemplate chatTemplate() {
        return template;
    }

    public BosPolicy bosPolicy() {
        return bos;
    }

    /** The prompt text the model sees for {@code messages}, rendered by the chat template. */
    public String render(List<ChatMessage> messages) {
        if (template.kind() == ChatTemplate.Kind.NONE) {
            if (messages.size() != 1) {
                throw new BadRequestException("this server applies no chat template (--chat-template none), so a chat "
                        + "request must hold exactly one message, whose content is the prompt; got " + messages.size()
                        + " messages (or use /v1/completions)");
            }
            return messages.get(0).content();
        }
        List<String> system = new ArrayList<>();
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            // the bindings take one system prompt; several system messages are joined into it
            if (m.role() == MessageRole.SYSTEM) {
                system.add(m.content());
            } else {
                turns.add(new Pair<>(m.role().wireName(), m.content()));
            }
        }
        InferenceParameters params = new InferenceParameters("")
                .setMessages(system.isEmpty() ? null : String.join("\n\n", system), turns);
        return model.applyTemplate(params);
    }

    /** The token ids the model receives for prompt {@code text}: its tokens, after BOS per the policy. */
    public int[] promptTokens(String text) {
        int[] tokens = model.encode(text);
        boolean startsWithBos = tokens.length > 0 && tokens[0] == tokenizer.bosId();
        if (!bos.adds(tokenizer) || tokenizer.bosId() < 0 || startsWithBos) {
            return tokens;
        }
        int[] withBos = new int[tokens.length + 1];
        withBos[0] = (int) tokenizer.bosId();
        System.arraycopy(tokens, 0, withBos, 1, tokens.length);
        return withBos;
    }

    /** The text of one token, as llama.cpp streams it (empty for a control token). */
    public String tokenText(int id) {
        if (id < 0 || id >= tokenizer.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + tokenizer.size());
        }
        return model.decode(new int[] {id});
    }

    @Override
    public List<Generation> chat(List<ChatMessage> messages, Sampling sampling) {
        Objects.requireNonNull(messages, "messages");
        return generate(promptTokens(render(messages)), sampling);
    }

    @Override
    public List<Generation> complete(String prompt, Sampling sampling) {
        Objects.requireNonNull(prompt, "prompt");
        return generate(promptTokens(prompt), sampling);
    }

    private List<Generation> generate(int[] prompt, Sampling requested) {
        Objects.requireNonNull(requested, "sampling");
        Sampling s = requested.textBias().isEmpty() ? requested : requested.withTextBiasAs(textBias(requested.textBias()));
        if (prompt.length == 0) {
            throw new BadRequestException("the prompt is empty (no tokens, and no BOS under --bos " + bos.wireName() + ")");
        }
        checkTokenIds(s);
        int room = settings.contextPerSlot() - prompt.length;
        if (room < 1 || (s.maxTokens() != null && s.maxTokens() > room)) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens"
                    + (s.maxTokens() == null ? "" : " and max_tokens is " + s.maxTokens())
                    + ", more than the " + settings.contextPerSlot() + " tokens of context per slot; "
                    + "shorten the prompt or start the server with a larger --context");
        }
        int limit = s.maxTokens() != null ? s.maxTokens() : room;
        int min = Math.min(s.minTokensOrZero(), limit);
        Set<String> stopPieces = stopPieces(s.stopTokenIds());
        // All samples are queued before any is read, so the native side spreads them over its slots.
        List<String> heads = new ArrayList<>(Collections.nCopies(s.n(), ""));
        if (min > 0) {
            List<LlamaIterator> first = new ArrayList<>(s.n());
            for (int i = 0; i < s.n(); i++) {
                InferenceParameters p = parameters(prompt, s, min, seed(s, i));
                p.setIgnoreEos(true);
                Map<Integer, Double> bias = new LinkedHashMap<>(s.logitBias());
                s.stopTokenIds().forEach(id -> bias.put(id, Double.NEGATIVE_INFINITY));
                RawJsonFields.logitBias(p, bias);
                first.add(model.generate(p).iterator());
            }
            for (int i = 0; i < s.n(); i++) {
                heads.set(i, drain(first.get(i), new StopMatcher(List.of()), Set.of()).text());
            }
        }
        List<Generation> generations = new ArrayList<>(s.n());
        if (limit - min == 0) {
            for (String head : heads) {
                generations.add(new Generation(head, prompt.length, min, FinishReason.LENGTH));
            }
            return generations;
        }
        List<LlamaIterator> streams = new ArrayList<>(s.n());
        for (int i = 0; i < s.n(); i++) {
            int[] continued = min > 0 ? concat(prompt, model.encode(heads.get(i))) : prompt;
            // the second phase gets its own seed: repeating the first phase's would replay its draws
            Long seed = seed(s, i);
            if (min > 0 && seed != null) {
                seed = seed ^ 0x5DEECE66DL;
            }
            streams.add(model.generate(parameters(continued, s, limit - min, seed)).iterator());
        }
        for (int i = 0; i < s.n(); i++) {
            Drained d = drain(streams.get(i), new StopMatcher(s.stop()), stopPieces);
            String text = d.text();
            int rest = limit - min;
            int counted = Math.min(rest, Math.max(d.pieces(), text.isEmpty() ? 0 : countTokens(text)));
            FinishReason reason = !d.stopped() && counted >= rest ? FinishReason.LENGTH : FinishReason.STOP;
            generations.add(new Generation(heads.get(i) + text, prompt.length, min + counted, reason));
        }
        return generations;
    }

    /**
     * Every token each text splits into (tokenized as llama-server tokenizes a {@code logit_bias}
     * text key: no BOS), with the text's bias; a text sharing a token with another keeps the lower bias.
     */
    private Map<Integer, Double> textBias(Map<String, Double> texts) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : texts.entrySet()) {
            for (int id : model.encode(e.getKey())) {
                if (id != tokenizer.bosId()) {
                    out.merge(id, e.getValue(), Math::min);
                }
            }
        }
        return out;
    }

    private static Long seed(Sampling s, int sample) {
        return s.seed() == null ? null : s.seed() + sample;
    }

    private void checkTokenIds(Sampling s) {
        // an id outside the vocabulary would index past the logits natively
        for (int id : s.stopTokenIds()) {
            checkTokenId("stop_token_ids", id);
        }
        for (int id : s.logitBias().keySet()) {
            checkTokenId("logit_bias", id);
        }
    }

    private void checkTokenId(String field, int id) {
        if (id < 0 || id >= tokenizer.size()) {
            throw new BadRequestException(field + " has the token id " + id + ", outside this model's vocabulary of "
                    + tokenizer.size() + " tokens");
        }
    }

    /**
     * The streamed text of each stop token: llama.cpp streams one piece per token, so a piece equal
     * to a stop token's text is that token (or one that reads the same; see {@link #isStopToken}).
     */
    private Set<String> stopPieces(List<Integer> ids) {
        Set<String> pieces = new HashSet<>();
        for (int id : ids) {
            String piece = model.decode(new int[] {id});
            if (piece.isEmpty()) {
                throw new BadRequestException("stop_token_ids: token " + id + " is a control token with no text; "
                        + "this engine sees only the text it streams, and end-of-generation tokens stop anyway");
            }
            pieces.add(piece);
        }
        return pieces;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static InferenceParameters parameters(int[] prompt, Sampling s, int limit, Long seed) {
        InferenceParameters p = new InferenceParameters("")
                .setNPredict(limit)
                .setTemperature((float) s.temperature())
                .setTopP(s.topP() == null ? 1f : s.topP().floatValue())
                // OpenAI semantics: what the request does not set is off, so llama.cpp's own defaults
                // (top-k 40, min-p 0.05, repeat penalty) do not reshape the distribution
                .setTopK(s.topK() == null ? 0 : s.topK())
                .setMinP(s.minP() == null ? 0f : s.minP().floatValue())
                .setRepeatPenalty(s.repeatPenalty() == null ? 1f : s.repeatPenalty().floatValue())
                .setPresencePenalty(s.presencePenalty() == null ? 0f : s.presencePenalty().floatValue())
                .setFrequencyPenalty(s.frequencyPenalty() == null ? 0f : s.frequencyPenalty().floatValue())
                .setCachePrompt(true)
                .setSeed(nativeSeed(seed));
        RawJsonFields.tokens(p, prompt);
        if (!s.logitBias().isEmpty()) {
            RawJsonFields.logitBias(p, s.logitBias());
        }
        return p;
    }

    /**
     * A seed the native side takes as given: a non-negative int (its all-ones value means "random").
     * Nearby seeds stay distinct, so sample {@code i}'s {@code seed + i} never collide.
     */
    static int nativeSeed(Long seed) {
        if (seed == null) {
            return ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        }
        return (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    /**
     * Whether a streamed piece ends with a stop token. A piece is one token's text, except that the
     * bytes of a character split across tokens are held back and arrive with the next token: so the
     * piece is that token's text, after nothing but non-ASCII characters.
     */
    static boolean isStopToken(String piece, Set<String> stopPieces) {
        for (String stop : stopPieces) {
            if (piece.endsWith(stop)) {
                String before = piece.substring(0, piece.length() - stop.length());
                if (before.chars().allMatch(c -> c >= 128)) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Drained(String text, int pieces, boolean stopped) {
    }

    private static Drained drain(LlamaIterator stream, StopMatcher matcher, Set<String> stopPieces) {
        int pieces = 0;
        boolean tokenStop = false;
        while (stream.hasNext()) {
            LlamaOutput out = stream.next();
            if (!out.text.isEmpty()) {
                pieces++;
            }
            tokenStop = isStopToken(out.text, stopPieces);
            if (matcher.append(out.text) || tokenStop) {
                stream.cancel();
                break;
            }
        }
        return new Drained(matcher.text(), pieces, matcher.stopped() || tokenStop);
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("cannot embed an empty string");
        }
        int tokens = countTokens(text);
        if (tokens > settings.contextPerSlot()) {
            throw new IllegalArgumentException("the input has " + tokens + " tokens, more than the "
                    + settings.contextPerSlot() + " tokens of context per slot");
        }
        return normalise(model.embed(text));
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            return v.clone();
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    @Override
    public int countTokens(String text) {
        return model.encode(text).length;
    }
}
