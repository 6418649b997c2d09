package io.llmopt.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A page with its first data inside, as a JSON data block ({@code <script type="application/json"
 * id="first-data">}), so the page draws content before its load event: a headless browser taking a
 * screenshot at load, or a crawler, sees the run and not an empty frame. A data block is never
 * run (the Content-Security-Policy is untouched), and every {@code <}, {@code >} and {@code &} in
 * the JSON is written as a JSON unicode escape (backslash, u, four hex digits), so no text from a run can end the block.
 */
final class FirstData {

    private static final String ANCHOR = "</head>";

    private FirstData() {
    }

    static byte[] embed(byte[] page, JsonNode data) {
        String html = new String(page, StandardCharsets.UTF_8);
        int at = html.indexOf(ANCHOR);
        if (at < 0) {
            throw new IllegalStateException("dashboard page without </head>");
        }
        String block = "<script type=\"application/json\" id=\"first-data\">" + escaped(data) + "</script>\n";
        return (html.substring(0, at) + block + html.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    static String escaped(JsonNode data) {
        try {
            return WebExchange.JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a page's first data", e);
        }
    }
}
