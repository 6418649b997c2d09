package io.llmopt.core.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base URLs that have answered (with any HTTP status) since this process started. Connection
 * refused at an address on this list is a server that went away, worth waiting for; at any other
 * it is a typo or a server never started, and the call fails at once (see {@link HttpFailures}).
 * Process-wide on purpose: a second run, or a role's second stack, over the same server knows it.
 */
final class AnsweredEndpoints {

    private static final Set<String> ANSWERED = ConcurrentHashMap.newKeySet();

    private AnsweredEndpoints() {
    }

    static void answered(String baseUrl) {
        ANSWERED.add(baseUrl);
    }

    static boolean hasAnswered(String baseUrl) {
        return ANSWERED.contains(baseUrl);
    }
}
