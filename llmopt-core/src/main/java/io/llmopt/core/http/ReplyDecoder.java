package io.llmopt.core.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.http.WireCodec.Decoded;
import io.llmopt.core.http.WireCodec.MalformedBodyException;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.TokenLogprob;
import io.llmopt.core.llm.TokenUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Reads the reply shape both APIs share: choices with an index and finish reason, usage, model. */
final class ReplyDecoder {

    private ReplyDecoder() {
    }

    /**
     * @param textOf     the choice's generated text node (message.content or text), may be missing
     * @param logprobsOf the choice's token log-probabilities, empty when it has none
     */
    static Decoded decode(ObjectMapper mapper, byte[] body, Function<JsonNode, JsonNode> textOf,
            Function<JsonNode, List<TokenLogprob>> logprobsOf)
            throws MalformedBodyException {
        JsonNode root;
        try {
            // strict: a valid object followed by anything but whitespace is a damaged reply, retried as malformed
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw new MalformedBodyException("the body is not valid JSON (" + body.length + " bytes, starting "
                    + ErrorBodies.snippet(body) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBodyException("the body is not a JSON object", null);
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new MalformedBodyException("the reply has no 'choices' array", null);
        }
        if (choices.isEmpty()) {
            throw new MalformedBodyException("the reply has an empty 'choices' array", null);
        }
        List<IndexedCompletion> indexed = new ArrayList<>(choices.size());
        int position = 0;
        for (JsonNode choice : choices) {
            JsonNode content = textOf.apply(choice);
            String text = content == null || content.isNull() || content.isMissingNode() ? "" : content.asText();
            int index = choice.path("index").asInt(position);
            JsonNode finish = choice.get("finish_reason");
            indexed.add(new IndexedCompletion(index,
                    new Completion(text, FinishReason.fromWire(finish == null || finish.isNull() ? null : finish.asText()),
                            logprobsOf.apply(choice))));
            position++;
        }
        indexed.sort(Comparator.comparingInt(IndexedCompletion::index));
        List<Completion> completions = new ArrayList<>(indexed.size());
        for (IndexedCompletion c : indexed) {
            completions.add(c.completion());
        }
        JsonNode usage = root.path("usage");
        TokenUsage tokens = new TokenUsage(Math.max(0, usage.path("prompt_tokens").asLong(0)),
                Math.max(0, usage.path("completion_tokens").asLong(0)));
        JsonNode model = root.get("model");
        return new Decoded(completions, tokens, model == null || model.isNull() ? null : model.asText());
    }

    private record IndexedCompletion(int index, Completion completion) {
    }
}
