package io.llmopt.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the dashboard. With a token, every request must carry it (header
 * {@code Authorization: Bearer}, header {@code X-Llmopt-Token}, or the cookie set by a one-time
 * {@code ?token=} link); without one the server listens on loopback only and refuses other Host
 * names, so a web page elsewhere cannot reach it through DNS rebinding. Changing requests (POST)
 * also need the session's CSRF token in {@code X-CSRF-Token}, which only pages of this origin can
 * read.
 */
final class AccessGuard {

    static final String COOKIE = "llmopt_token";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final DashboardOptions options;
    private final String csrfToken = AccessTokens.generate();

    AccessGuard(DashboardOptions options) {
        this.options = options;
    }

    String csrfToken() {
        return csrfToken;
    }

    /**
     * Lets the request through (true) or answers it (false): a refusal, or the redirect that trades
     * a {@code ?token=} link for a cookie so the token leaves the address bar and the history.
     */
    boolean admit(WebExchange ex) throws IOException {
        if (!options.tokenRequired() && !loopbackHost(ex.header("Host").orElse(""))) {
            ex.error(403, "this dashboard answers only to localhost; start it with --host and a token to share it");
            return false;
        }
        if (options.tokenRequired()) {
            Optional<String> fromLink = ex.query("token");
            if (fromLink.isPresent() && "GET".equals(ex.method()) && !ex.path().startsWith("/api/")) {
                if (!AccessTokens.matches(options.token(), fromLink.get())) {
                    ex.error(401, "wrong access token");
                    return false;
                }
                ex.setHeader("Set-Cookie", COOKIE + "=" + options.token() + "; Path=/; HttpOnly; SameSite=Strict");
                ex.redirect(ex.path());
                return false;
            }
            if (!AccessTokens.matches(options.token(), presentedToken(ex))) {
                ex.error(401, "an access token is required: open the link printed by llmopt serve, or send "
                        + "'Authorization: Bearer TOKEN'");
                return false;
            }
        }
        if (!"GET".equals(ex.method()) && !"HEAD".equals(ex.method())) {
            if (!AccessTokens.matches(csrfToken, ex.header(CSRF_HEADER).orElse(null))) {
                ex.error(403, "missing or wrong " + CSRF_HEADER + " header (GET /api/session gives it)");
                return false;
            }
        }
        return true;
    }

    private static String presentedToken(WebExchange ex) {
        Optional<String> auth = ex.header("Authorization");
        if (auth.isPresent() && auth.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.get().substring(7).strip();
        }
        return ex.header("X-Llmopt-Token").or(() -> ex.cookie(COOKIE)).orElse(null);
    }

    private static boolean loopbackHost(String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && DashboardOptions.isLoopback(host.substring(1, end));
        }
        int colon = host.lastIndexOf(':');
        return DashboardOptions.isLoopback(colon >= 0 ? host.substring(0, colon) : host);
    }
}
