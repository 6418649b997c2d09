package io.llmopt.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.PoolingType;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.MessageRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Prompts are rendered by the model's own chat template from the GGUF metadata (llama.cpp
 * falls back to ChatML when a file has none). The bindings do not report token counts or why a
 * completion ended, so completion tokens are counted as the larger of the streamed pieces (one per
 * token, except that a character split across tokens arrives as one piece) and the re-tokenised
 * text, capped at the limit; reaching the limit without a stop string reads as LENGTH.
 */
public final class LlamaEngine implements InferenceEngine {

    private final LlamaModel model;
    private final String name;
    private final EngineSettings settings;

    private LlamaEngine(LlamaModel model, String name, EngineSettings settings) {
        this.model = model;
        this.name = name;
        this.settings = settings;
    }

    /**
     * Checks the file, then loads it. Call once per process.
     *
     * @param name the name to serve the model under, or null for the file's {@code general.name}
     */
    public static LlamaEngine load(Path file, String name, EngineSettings requested) {
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
        LlamaModel model;
        try {
            model = new LlamaModel(params);
        } catch (RuntimeException e) {
            throw new LocalModelException("llama.cpp could not load " + file + " (architecture " + gguf.architecture()
                    + "): " + e.getMessage(), e);
        }
        return new LlamaEngine(model, name != null ? name : gguf.name(), settings);
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

    /** The prompt the model sees for {@code messages}, rendered by its chat template. */
    public String render(List<ChatMessage> messages) {
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

    @Override
    public List<Generation> generate(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        String prompt = render(request.messages());
        int promptTokens = countTokens(prompt);
        int room = settings.contextPerSlot() - promptTokens;
        if (room < 1 || (request.maxTokens() != null && request.maxTokens() > room)) {
            throw new IllegalArgumentException("the prompt has " + promptTokens + " tokens"
                    + (request.maxTokens() == null ? "" : " and max_tokens is " + request.maxTokens())
                    + ", more than the " + settings.contextPerSlot() + " tokens of context per slot; "
                    + "shorten the prompt or start the server with a larger --context");
        }
        int limit = request.maxTokens() != null ? request.maxTokens() : room;
        // All samples are queued before any is read, so the native side spreads them over its slots.
        List<LlamaIterator> streams = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            Long seed = request.seed() == null ? null : request.seed() + i;
            streams.add(model.generate(parameters(prompt, request, limit, seed)).iterator());
        }
        List<Generation> generations = new ArrayList<>(streams.size());
        for (LlamaIterator stream : streams) {
            generations.add(drain(stream, request.stop(), promptTokens, limit));
        }
        return generations;
    }

    private static InferenceParameters parameters(String prompt, ChatRequest request, int limit, Long seed) {
        InferenceParameters p = new InferenceParameters(prompt)
                .setNPredict(limit)
                .setTemperature((float) request.temperature())
                .setTopP(request.topP() == null ? 1f : request.topP().floatValue())
                // OpenAI semantics: temperature and top_p alone shape the distribution, so llama.cpp's
                // own defaults (top-k 40, min-p 0.05) are switched off
                .setTopK(0)
                .setMinP(0f)
                .setRepeatPenalty(1f)
                .setCachePrompt(true)
                .setSeed(nativeSeed(seed));
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

    private Generation drain(LlamaIterator stream, List<String> stops, int promptTokens, int limit) {
        StopMatcher matcher = new StopMatcher(stops);
        int pieces = 0;
        while (stream.hasNext()) {
            LlamaOutput out = stream.next();
            if (!out.text.isEmpty()) {
                pieces++;
            }
            if (matcher.append(out.text)) {
                stream.cancel();
                break;
            }
        }
        String text = matcher.text();
        int counted = Math.min(limit, Math.max(pieces, text.isEmpty() ? 0 : countTokens(text)));
        FinishReason reason = !matcher.stopped() && counted >= limit ? FinishReason.LENGTH : FinishReason.STOP;
        return new Generation(text, promptTokens, counted, reason);
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
