package io.llmopt.bpo.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A preference record in the BPO form: an instruction (with optional context) and a good and a bad
 * response to it.
 *
 * @param id           stable identifier: the file's id field when there is one, otherwise
 *                     {@link #contentId} of the texts, so a re-read file gives the same ids
 * @param instruction  the user's instruction
 * @param context      the context field, or null when the record has none. An empty string is
 *                     different from null: the reference picks the with-context template whenever
 *                     the field exists, even when it is empty
 * @param goodResponse the preferred response
 * @param badResponse  the dispreferred response
 * @param source       where the record was read, or null for records built in code
 */
public record PreferenceRecord(String id, String instruction, String context, String goodResponse,
                               String badResponse, SourceLocation source) {

    public PreferenceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(goodResponse, "goodResponse");
        Objects.requireNonNull(badResponse, "badResponse");
    }

    /** A record without context, identified by its content. */
    public static PreferenceRecord of(String instruction, String goodResponse, String badResponse) {
        return new PreferenceRecord(contentId(instruction, null, goodResponse, badResponse), instruction, null,
                goodResponse, badResponse, null);
    }

    /** A record with context, identified by its content. */
    public static PreferenceRecord withContext(String instruction, String context, String goodResponse, String badResponse) {
        return new PreferenceRecord(contentId(instruction, context, goodResponse, badResponse), instruction, context,
                goodResponse, badResponse, null);
    }

    public boolean hasContext() {
        return context != null;
    }

    /** The first 16 hex digits of SHA-256 over the four texts: stable across runs and file reorderings. */
    public static String contentId(String instruction, String context, String goodResponse, String badResponse) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {instruction, context == null ? "\u0000none" : context, goodResponse, badResponse}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
