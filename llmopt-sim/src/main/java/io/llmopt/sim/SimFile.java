package io.llmopt.sim;

import java.nio.charset.StandardCharsets;

/** A file held by the simulated files API: what a client uploaded, or a batch's or job's result. */
record SimFile(String id, String filename, String purpose, byte[] content, long createdAt) {

    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
