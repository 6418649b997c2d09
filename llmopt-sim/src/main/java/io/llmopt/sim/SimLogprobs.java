package io.llmopt.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * The log-probabilities the simulated server reports for a reply's tokens ({@link SimTokens}), so
 * tests can predict them: token i has log-probability {@code -0.1 * (i % 5 + 1)}, and its j-th
 * alternative (j from 1) is {@code "alt" + j} at {@code j} below it. The token itself is the first of
 * its alternatives, as real servers list it.
 */
final class SimLogprobs {

    private SimLogprobs() {
    }

    static double logprob(int position) {
        return -0.1 * (position % 5 + 1);
    }

    /** Chat shape: {@code "logprobs": {"content": [{"token", "logprob", "bytes", "top_logprobs": [...]}]}}. */
    static void writeChat(JsonGenerator g, String text, int alternatives) throws IOException {
        List<String> tokens = SimTokens.tokens(text);
        g.writeObjectFieldStart("logprobs");
        g.writeArrayFieldStart("content");
        for (int i = 0; i < tokens.size(); i++) {
            g.writeStartObject();
            g.writeStringField("token", tokens.get(i));
            g.writeNumberField("logprob", logprob(i));
            g.writeNullField("bytes");
            g.writeArrayFieldStart("top_logprobs");
            for (int j = 0; j < alternatives; j++) {
                g.writeStartObject();
                g.writeStringField("token", j == 0 ? tokens.get(i) : "alt" + j);
                g.writeNumberField("logprob", logprob(i) - j);
                g.writeNullField("bytes");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Completions shape: parallel {@code tokens}, {@code token_logprobs}, {@code top_logprobs}, {@code text_offset}. */
    static void writeCompletions(JsonGenerator g, String text, int alternatives) throws IOException {
        List<String> tokens = SimTokens.tokens(text);
        g.writeObjectFieldStart("logprobs");
        g.writeArrayFieldStart("tokens");
        for (String t : tokens) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("token_logprobs");
        for (int i = 0; i < tokens.size(); i++) {
            g.writeNumber(logprob(i));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("top_logprobs");
        for (int i = 0; i < tokens.size(); i++) {
            g.writeStartObject();
            for (int j = 0; j < alternatives; j++) {
                g.writeNumberField(j == 0 ? tokens.get(i) : "alt" + j, logprob(i) - j);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("text_offset");
        int from = 0;
        for (String t : tokens) {
            int at = text.indexOf(t, from);
            g.writeNumber(at);
            from = at + t.length();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
