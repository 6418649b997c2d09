package io.llmopt.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the dashboard listens.
 *
 * @param host         the address to bind, {@code 127.0.0.1} by default
 * @param port         the port, 0 for any free one
 * @param token        the access token, or null for none (only allowed on a loopback address)
 * @param pollInterval how often the store is checked for changes to push to open pages
 */
public record DashboardOptions(String host, int port, String token, Duration pollInterval) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public DashboardOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("the dashboard on " + host
                    + " is reachable from other machines: it needs an access token");
        }
    }

    /** Loopback only, no token: the defaults of {@code llmopt serve}. */
    public static DashboardOptions local(int port) {
        return new DashboardOptions(LOOPBACK, port, null, DEFAULT_POLL);
    }

    public DashboardOptions withPollInterval(Duration interval) {
        return new DashboardOptions(host, port, token, interval);
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /** True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect. */
    public static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // a literal address is parsed, never looked up; a name that needs DNS is not loopback
            return looksLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLiteral(String host) {
        return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
