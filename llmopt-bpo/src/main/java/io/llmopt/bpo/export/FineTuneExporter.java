package io.llmopt.bpo.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.rewrite.RewriterInstruction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes kept pairs as supervised fine-tuning data: the user turn is the rewriter template filled
 * with the original prompt, the answer is the optimized prompt, so a model trained on it can be
 * served with {@link io.llmopt.bpo.rewrite.ModelRewriter}.
 *
 * <p>{@link UserTurn#FULL_TEMPLATE} keeps the {@code [INST] ... [/INST]} markers, as the released
 * model was trained; {@link UserTurn#INSTRUCTION_ONLY} drops them for trainers that apply their own
 * chat template, which would otherwise wrap the markers a second time.
 */
public final class FineTuneExporter {

    /** What goes in the user turn. */
    public enum UserTurn { FULL_TEMPLATE, INSTRUCTION_ONLY }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserTurn userTurn;

    public FineTuneExporter(UserTurn userTurn) {
        this.userTurn = userTurn;
    }

    /** The user turn for one original prompt. */
    public String userText(String prompt) {
        return userTurn == UserTurn.FULL_TEMPLATE ? RewriterInstruction.withMarkers(prompt) : RewriterInstruction.plain(prompt);
    }

    /** Writes the kept pairs (dropped ones are left out) to {@code file} in {@code format}; returns how many. */
    public int write(List<OptimizedPair> pairs, FineTuneFormat format, Path file) {
        List<OptimizedPair> kept = pairs.stream().filter(OptimizedPair::kept).toList();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(render(kept, format));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fine-tuning data to " + file + ": " + e.getMessage(), e);
        }
        return kept.size();
    }

    /** The file content for the given pairs, all of which are exported. */
    public String render(List<OptimizedPair> pairs, FineTuneFormat format) {
        try {
            return switch (format) {
                case OPENAI_CHAT_JSONL -> {
                    StringBuilder sb = new StringBuilder();
                    for (OptimizedPair pair : pairs) {
                        sb.append(JSON.writeValueAsString(openAi(pair))).append('\n');
                    }
                    yield sb.toString();
                }
                case ALPACA_JSON -> pretty(array(pairs, this::alpaca));
                case SHAREGPT_JSON -> pretty(array(pairs, this::shareGpt));
                case BPO_REFERENCE_JSON -> pretty(array(pairs, FineTuneExporter::reference));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode openAi(OptimizedPair pair) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", userText(pair.prompt()));
        messages.addObject().put("role", "assistant").put("content", pair.optimizedPrompt());
        return root;
    }

    private ObjectNode alpaca(OptimizedPair pair) {
        return JSON.createObjectNode()
                .put("instruction", userText(pair.prompt()))
                .put("input", "")
                .put("output", pair.optimizedPrompt());
    }

    private ObjectNode shareGpt(OptimizedPair pair) {
        ObjectNode root = JSON.createObjectNode().put("id", pair.recordId());
        ArrayNode turns = root.putArray("conversations");
        turns.addObject().put("from", "human").put("value", userText(pair.prompt()));
        turns.addObject().put("from", "gpt").put("value", pair.optimizedPrompt());
        return root;
    }

    private static ObjectNode reference(OptimizedPair pair) {
        ObjectNode root = JSON.createObjectNode().put("id", pair.recordId());
        root.putArray("paragraph").addObject().put("q", pair.prompt()).put("a", pair.optimizedPrompt());
        return root;
    }

    private static ArrayNode array(List<OptimizedPair> pairs, java.util.function.Function<OptimizedPair, ObjectNode> row) {
        ArrayNode array = JSON.createArrayNode();
        pairs.forEach(p -> array.add(row.apply(p)));
        return array;
    }

    private static String pretty(ArrayNode array) throws IOException {
        return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array) + "\n";
    }
}
