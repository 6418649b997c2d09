package io.llmopt.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off a connection: request line, headers, and a body framed by
 * Content-Length or chunked transfer coding. Just enough HTTP for API clients, kept allocation-light
 * because the server must never be the bottleneck of a client benchmark.
 */
final class HttpRequestReader {

    /** A request as read from the wire. */
    record RawRequest(String method, String target, String version, Map<String, String> headers, byte[] body) {

        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }

        /** HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 only when asked. */
        boolean keepAlive() {
            String connection = headers.get("connection");
            if (connection != null) {
                String c = connection.toLowerCase(Locale.ROOT);
                if (c.contains("close")) {
                    return false;
                }
                if (c.contains("keep-alive")) {
                    return true;
                }
            }
            return "HTTP/1.1".equals(version);
        }
    }

    /** The request is not well-formed HTTP; the server answers 400 and closes. */
    static final class MalformedRequestException extends IOException {
        MalformedRequestException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final InputStream in;
    private final StringBuilder line = new StringBuilder(128);

    HttpRequestReader(InputStream in) {
        this.in = in;
    }

    /** The next request, or null when the client closed the connection between requests. */
    RawRequest read() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // tolerate stray CRLF between requests (RFC 9112 2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new MalformedRequestException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new HashMap<>(16);
        for (int count = 0; ; count++) {
            String header = readLine(false);
            if (header.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new MalformedRequestException("too many headers");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("bad header line: " + header);
            }
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return new RawRequest(parts[0], parts[1], parts[2], headers, readBody(headers));
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked();
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        int n;
        try {
            n = Integer.parseInt(length);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("bad Content-Length: " + length);
        }
        if (n < 0 || n > MAX_BODY) {
            throw new MalformedRequestException("Content-Length out of range: " + n);
        }
        return readExactly(n);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("bad chunk size: " + sizeLine);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new MalformedRequestException("chunked body too large");
            }
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers carry nothing the simulator needs
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            readLine(false);
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("connection closed inside a request body");
        }
        return bytes;
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1; null at a clean end of stream if allowed. */
    private String readLine(boolean eofAllowed) throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed inside a request head");
            }
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedRequestException("header line too long");
            }
            line.append((char) b);
        }
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
