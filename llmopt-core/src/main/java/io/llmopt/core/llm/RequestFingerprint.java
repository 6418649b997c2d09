package io.llmopt.core.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable SHA-256 of everything that can change a reply: the model name, every message and every
 * sampling parameter, and the sample index. Two requests get the same fingerprint exactly when a
 * cached reply to one is a valid reply to the other.
 *
 * <p>The encoding is length-prefixed, so no choice of message text can make two different requests
 * collide by concatenation.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** Fingerprint of sample {@code sampleIndex} of {@code request} sent to {@code model}. */
    public static String of(String model, ChatRequest request, int sampleIndex) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, "v1");
        field(sb, model);
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
        field(sb, "|");
        field(sb, String.valueOf(request.seed()));
        field(sb, Integer.toString(sampleIndex));
        return sha256(sb.toString());
    }

    /** Fingerprint of the whole request (all n samples), for the call log. */
    public static String of(String model, ChatRequest request) {
        return of(model, request, -request.n());
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
