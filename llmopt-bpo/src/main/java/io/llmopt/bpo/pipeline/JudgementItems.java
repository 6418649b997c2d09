package io.llmopt.bpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.judge.EvalItem;
import io.llmopt.bpo.judge.JudgedItem;
import io.llmopt.bpo.judge.OrderedVerdict;
import io.llmopt.bpo.judge.Outcome;
import io.llmopt.bpo.judge.Verdict;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The eval pipeline's work items. {@value #RESPONSES}: {@code {id, response_original,
 * response_rewritten}}. {@value #KIND}: everything about one comparison, {@code {id, category,
 * original, rewritten, response_original, response_rewritten, method, verdict, judgements:
 * [{rewritten_first, verdict, outcome, output}], random_order: {rewritten_first, verdict},
 * position_consistent}} where {@code verdict} is win, tie, lose or invalid for the rewritten prompt.
 *
 * <p>Both stages make two calls in parallel, each kept on its own as soon as it returns:
 * {@code bpo.response.call} with keys {@code <id>/original} and {@code <id>/rewritten}, payload
 * {@code {id, prompt, response}}; {@code bpo.judgement.call} (two-order judging) with keys
 * {@code <id>/original_first} and {@code <id>/rewritten_first}, payload {@code {id,
 * rewritten_first, verdict, outcome, output}}.
 */
public final class JudgementItems {

    public static final String KIND = "bpo.judgement";
    public static final String RESPONSES = "bpo.response";

    /** The call names of the two responses. */
    static final String ORIGINAL = "original";
    static final String REWRITTEN = "rewritten";

    private JudgementItems() {
    }

    static JsonNode encodeResponses(String id, String original, String rewritten) {
        return StageLog.JSON.createObjectNode().put("id", id).put("response_original", original).put("response_rewritten", rewritten);
    }

    /** One response on its own: {@code {id, prompt, response}}. */
    static JsonNode encodeResponse(String id, String prompt, String response) {
        return StageLog.JSON.createObjectNode().put("id", id).put("prompt", prompt).put("response", response);
    }

    static String decodeResponse(JsonNode node) {
        return node.path("response").asText();
    }

    /** The call name of one judge order. */
    static String orderCall(boolean rewrittenFirst) {
        return rewrittenFirst ? "rewritten_first" : "original_first";
    }

    /** One judge call on its own: {@code {id, rewritten_first, verdict, outcome, output}}. */
    static JsonNode encodeVerdict(String id, OrderedVerdict verdict) {
        return putVerdict(StageLog.JSON.createObjectNode().put("id", id), verdict);
    }

    static OrderedVerdict decodeVerdict(JsonNode call) {
        return new OrderedVerdict(call.path("rewritten_first").asBoolean(), verdict(call.path("verdict").asText()),
                call.path("output").asText());
    }

    static JsonNode encode(JudgedItem judged, String original, String rewritten, JudgeMethod method, OrderedVerdict randomOrder) {
        EvalItem item = judged.item();
        ObjectNode node = StageLog.JSON.createObjectNode()
                .put("id", item.id())
                .put("category", item.category())
                .put("original", original)
                .put("rewritten", rewritten)
                .put("response_original", item.originalResponse())
                .put("response_rewritten", item.rewrittenResponse())
                .put("method", method.name().toLowerCase(Locale.ROOT))
                .put("verdict", name(judged.outcome()));
        ArrayNode calls = node.putArray("judgements");
        judged.verdicts().forEach(v -> putVerdict(calls.addObject(), v));
        node.putObject("random_order").put("rewritten_first", randomOrder.rewrittenFirst()).put("verdict", name(randomOrder.forRewritten()));
        if (judged.hasBothOrders()) {
            node.put("position_consistent", judged.positionConsistent());
        } else {
            node.putNull("position_consistent");
        }
        return node;
    }

    /** The judged item of a payload, as the chosen method decided it. */
    static JudgedItem judged(JsonNode node) {
        List<OrderedVerdict> verdicts = new ArrayList<>();
        node.path("judgements").forEach(call -> verdicts.add(decodeVerdict(call)));
        return new JudgedItem(item(node), outcome(node.path("verdict").asText()), verdicts);
    }

    /** The judged item of a payload as the reference's single random-order call decided it. */
    static JudgedItem randomOrder(JsonNode node) {
        JsonNode random = node.path("random_order");
        boolean rewrittenFirst = random.path("rewritten_first").asBoolean();
        List<OrderedVerdict> chosen = judged(node).verdicts().stream().filter(v -> v.rewrittenFirst() == rewrittenFirst).toList();
        return new JudgedItem(item(node), outcome(random.path("verdict").asText()), chosen);
    }

    private static ObjectNode putVerdict(ObjectNode node, OrderedVerdict v) {
        return node.put("rewritten_first", v.rewrittenFirst())
                .put("verdict", v.verdict() == Verdict.TIE ? "tie" : v.verdict().name().toLowerCase(Locale.ROOT))
                .put("outcome", name(v.forRewritten()))
                .put("output", v.reply());
    }

    private static EvalItem item(JsonNode node) {
        return new EvalItem(node.path("id").asText(), node.path("category").textValue(), node.path("original").asText(),
                node.path("response_original").asText(), node.path("response_rewritten").asText());
    }

    /** Writes every finished judgement of a run as JSON Lines; returns how many. */
    public static int export(RunStore store, String runId, Writer out) {
        store.flush();
        int n = 0;
        try {
            for (WorkItem item : store.workItems(runId, KIND)) {
                if (WorkItem.DONE.equals(item.status()) && item.payloadJson() != null) {
                    out.write(item.payloadJson());
                    out.write('\n');
                    n++;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the judgements: " + e.getMessage(), e);
        }
        return n;
    }

    static String name(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private static Outcome outcome(String name) {
        return Outcome.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static Verdict verdict(String name) {
        return name.equals("tie") ? Verdict.TIE : Verdict.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
