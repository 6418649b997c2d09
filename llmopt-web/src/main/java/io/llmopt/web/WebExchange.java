package io.llmopt.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its response: parsed query and cookies on the way in, JSON, text and bytes with
 * the dashboard's security headers on the way out.
 */
final class WebExchange {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Scripts and styles from this server only, nothing inline: model output cannot run in a page. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private boolean sent;

    WebExchange(HttpExchange exchange) {
        this.exchange = exchange;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The decoded path; never used to reach the file system. */
    String path() {
        return exchange.getRequestURI().getPath();
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Map<String, String> queryParameters() {
        return query;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    Optional<String> cookie(String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    return Optional.of(part.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    boolean sent() {
        return sent;
    }

    void json(int status, JsonNode body) throws IOException {
        setHeader("Cache-Control", "no-store");
        bytes(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** A JSON error body {@code {"error": message}}. */
    void error(int status, String message) throws IOException {
        json(status, JSON.createObjectNode().put("error", message));
    }

    void bytes(int status, String contentType, byte[] body) throws IOException {
        setHeader("Content-Type", contentType);
        securityHeaders();
        sent = true;
        boolean head = "HEAD".equals(method());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    void redirect(String location) throws IOException {
        setHeader("Location", location);
        bytes(303, "text/plain; charset=utf-8", new byte[0]);
    }

    /** Starts a streamed response (server-sent events): the caller writes and closes the stream. */
    OutputStream startStream(String contentType) throws IOException {
        setHeader("Content-Type", contentType);
        setHeader("Cache-Control", "no-store");
        securityHeaders();
        sent = true;
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    void close() {
        exchange.close();
    }

    private void securityHeaders() {
        setHeader("X-Content-Type-Options", "nosniff");
        setHeader("Referrer-Policy", "no-referrer");
        setHeader("X-Frame-Options", "DENY");
        setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
