package io.llmopt.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reply ready to write: status, headers and body, and whether to break the connection halfway
 * through the body instead of finishing it.
 */
record HttpReply(int status, Map<String, String> headers, byte[] body, boolean resetMidBody) {

    static HttpReply json(int status, byte[] body) {
        return new HttpReply(status, Map.of(), body, false);
    }

    HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, more, body, resetMidBody);
    }

    HttpReply withStatus(int newStatus) {
        return new HttpReply(newStatus, headers, body, resetMidBody);
    }

    HttpReply resettingMidBody() {
        return new HttpReply(status, headers, body, true);
    }

    /**
     * Writes the reply in a single write call: on loopback, headers and body in separate segments
     * would meet delayed ACKs and cost a client benchmark tens of milliseconds per call.
     */
    void writeTo(Socket socket, OutputStream out, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (!headers.containsKey("Content-Type")) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        int bodyBytes = resetMidBody ? body.length / 2 : body.length;
        ByteArrayOutputStream all = new ByteArrayOutputStream(headBytes.length + bodyBytes);
        all.write(headBytes);
        all.write(body, 0, bodyBytes);
        all.writeTo(out);
        out.flush();
        if (resetMidBody) {
            // linger 0 makes close() send RST instead of FIN: the client sees a reset, not a clean end
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
