package io.llmopt.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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

    @Test
    void aPlainChatRequestKeepsTheFingerprintItHadBeforeRawPromptsAndSampling() {
        // the encoding of the first version, spelt out: hashes stored with earlier runs stay valid
        String v1 = "2:v1;1:m;4:user;12:What is 2+2?;1:|;3:1.0;4:null;4:null;1:|;4:null;1:2;";
        assertThat(RequestFingerprint.of("m", base, 2)).isEqualTo(RequestFingerprint.sha256(v1));
    }

    @Test
    void aRawPromptIsNotTheSameRequestAsAUserMessageWithTheSameText() {
        assertThat(RequestFingerprint.of("m", ChatRequest.raw("hi"), 0))
                .isNotEqualTo(RequestFingerprint.of("m", ChatRequest.ofUser("hi"), 0));
    }

    @Test
    void everySamplingFieldChangesTheFingerprint() {
        String f = RequestFingerprint.of("m", base, 0);
        List<Sampling> each = List.of(
                Sampling.builder().topK(50).build(),
                Sampling.builder().minP(0.1).build(),
                Sampling.builder().repetitionPenalty(1.1).build(),
                Sampling.builder().presencePenalty(0.5).build(),
                Sampling.builder().frequencyPenalty(0.5).build(),
                Sampling.builder().minTokens(5).build(),
                Sampling.builder().stopTokenIds(List.of(13)).build(),
                Sampling.builder().badWords(List.of("[PROTECT]")).build(),
                Sampling.builder().logitBias(Map.of("13", -100.0)).build(),
                Sampling.builder().logprobs(1).build());
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(f);
        for (Sampling s : each) {
            assertThat(seen.add(RequestFingerprint.of("m", base.withSampling(s), 0))).as(s.toString()).isTrue();
        }
        // a list field's boundaries are encoded too
        assertThat(RequestFingerprint.of("m", base.withSampling(Sampling.builder().badWords(List.of("ab", "c")).build()), 0))
                .isNotEqualTo(RequestFingerprint.of("m", base.withSampling(Sampling.builder().badWords(List.of("a", "bc")).build()), 0));
    }

    @Test
    void cacheKeysTellEndpointsAndApisApartAndNeverMatchTheOldKeys() {
        String key = RequestFingerprint.forCache("http://a/v1", ModelApi.CHAT, "m", base, 0);
        assertThat(RequestFingerprint.forCache("http://b/v1", ModelApi.CHAT, "m", base, 0)).isNotEqualTo(key);
        assertThat(RequestFingerprint.forCache("http://a/v1", ModelApi.COMPLETIONS, "m", base, 0)).isNotEqualTo(key);
        assertThat(RequestFingerprint.forCache("http://a/v1", ModelApi.CHAT, "m", base, 0)).isEqualTo(key);
        assertThat(key).isNotEqualTo(RequestFingerprint.of("m", base, 0));
    }
}
