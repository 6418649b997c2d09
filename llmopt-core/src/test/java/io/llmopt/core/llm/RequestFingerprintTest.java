package io.llmopt.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private final ChatRequest base = ChatRequest.builder().user("What is 2+2?").temperature(1.0).n(4).build();

    @Test
    void equalRequestsShareAFingerprint() {
        ChatRequest same = ChatRequest.builder().user("What is 2+2?").temperature(1.0).n(4).build();
        assertThat(RequestFingerprint.of("m", same, 2)).isEqualTo(RequestFingerprint.of("m", base, 2));
    }

    @Test
    void everyFieldChangesTheFingerprint() {
        String f = RequestFingerprint.of("m", base, 0);
        assertThat(RequestFingerprint.of("m2", base, 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base, 1)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().temperature(0.9).build(), 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().topP(0.5).build(), 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().maxTokens(5).build(), 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().stop(List.of("Q:")).build(), 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().seed(1L).build(), 0)).isNotEqualTo(f);
        assertThat(RequestFingerprint.of("m", base.toBuilder().system("s").build(), 0)).isNotEqualTo(f);
    }

    @Test
    void messageBoundariesCannotCollide() {
        ChatRequest a = ChatRequest.builder().user("ab").user("c").build();
        ChatRequest b = ChatRequest.builder().user("a").user("bc").build();
        assertThat(RequestFingerprint.of("m", a, 0)).isNotEqualTo(RequestFingerprint.of("m", b, 0));
    }
}
