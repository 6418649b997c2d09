package io.llmopt.core.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A stable SHA-256 of everything that can change a reply: the model name, every message (or the
 * raw prompt) and every sampling parameter, and the sample index. Two requests get the same
 * fingerprint exactly when a cached reply to one is a valid reply to the other.
 *
 * <p>The encoding is length-prefixed, so no choice of message text can make two different requests
 * collide by concatenation. A chat request that sets none of the later fields (raw prompt,
 * {@link Sampling}) encodes exactly as before they existed, so the hashes stored with earlier runs
 * stay valid.
 *
 * <p>{@link #forCache} adds where the reply came from: the endpoint's identity and the API kind.
 * Its keys start with another version tag, so entries written by earlier versions (keyed on the
 * model name alone, whichever server answered) are never reused.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** Fingerprint of sample {@code sampleIndex} of {@code request} sent to {@code model}. */
    public static String of(String model, ChatRequest request, int sampleIndex) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, "v1");
        field(sb, model);
        body(sb, request, sampleIndex);
        return sha256(sb.toString());
    }

    /** Fingerprint of the whole request (all n samples), for the call log. */
    public static String of(String model, ChatRequest request) {
        return of(model, request, -request.n());
    }

    /**
     * The response-cache key of sample {@code sampleIndex}: the request as in {@link #of}, plus the
     * endpoint that answers it ({@code endpoint}: a base URL, or a pool's declared name so its
     * members share entries) and the API it is sent through.
     */
    public static String forCache(String endpoint, ModelApi api, String model, ChatRequest request, int sampleIndex) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, "v2");
        field(sb, endpoint);
        field(sb, api.wireName());
        field(sb, model);
        body(sb, request, sampleIndex);
        return sha256(sb.toString());
    }

    /** The key of the whole request at that endpoint, for coalescing identical calls in flight. */
    public static String forCache(String endpoint, ModelApi api, String model, ChatRequest request) {
        return forCache(endpoint, api, model, request, -request.n());
    }

    private static void body(StringBuilder sb, ChatRequest request, int sampleIndex) {
        if (request.isRaw()) {
            // no role is spelt "raw prompt", so this cannot read as a message
            field(sb, "raw prompt");
            field(sb, request.rawPrompt());
        }
        for (ChatMessage m : request.messages()) {
            field(sb, m.role().wireName());
            field(sb, m.content());
        }
        field(sb, "|");
        field(sb, Double.toString(request.temperature()));
        field(sb, String.valueOf(request.topP()));
        field(sb, String.valueOf(request.maxTokens()));
        for (String s : request.stop()) {
            field(sb, s);
        }
        Map<String, Object> sampling = request.sampling().asWireMap();
        if (!sampling.isEmpty()) {
            field(sb, "sampling");
            for (Map.Entry<String, Object> e : sampling.entrySet()) {
                field(sb, e.getKey());
                value(sb, e.getValue());
            }
        }
        field(sb, "|");
        field(sb, String.valueOf(request.seed()));
        field(sb, Integer.toString(sampleIndex));
    }

    private static void value(StringBuilder sb, Object value) {
        if (value instanceof List<?> list) {
            field(sb, "[" + list.size());
            for (Object o : list) {
                field(sb, String.valueOf(o));
            }
        } else if (value instanceof Map<?, ?> map) {
            field(sb, "{" + map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                field(sb, String.valueOf(e.getKey()));
                field(sb, String.valueOf(e.getValue()));
            }
        } else {
            field(sb, String.valueOf(value));
        }
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(value.length()).append(':').append(value).append(';');
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
