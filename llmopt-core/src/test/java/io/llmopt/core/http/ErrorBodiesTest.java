package io.llmopt.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String message(String body) {
        return ErrorBodies.serverMessage(MAPPER, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheCommonErrorShapes() {
        assertThat(message("{\"error\": {\"message\": \"context too long\", \"type\": \"x\"}}")).isEqualTo("context too long");
        assertThat(message("{\"error\": \"model 'x' not found\"}")).isEqualTo("model 'x' not found");
        assertThat(message("{\"message\": \"bad\"}")).isEqualTo("bad");
        assertThat(message("{\"detail\": [{\"msg\": \"field required\"}]}")).contains("field required");
    }

    @Test
    void fallsBackToTruncatedRawText() {
        assertThat(message("<html>\n  <body>Bad Gateway</body></html>")).isEqualTo("'<html> <body>Bad Gateway</body></html>'");
        assertThat(message("x".repeat(1000))).hasSize(ErrorBodies.MAX_DETAIL + 5);
        assertThat(ErrorBodies.serverMessage(MAPPER, new byte[0])).isNull();
    }
}
