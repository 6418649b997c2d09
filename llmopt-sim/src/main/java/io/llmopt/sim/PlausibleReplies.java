package io.llmopt.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies shaped like a real model's for each kind of prompt llmopt sends, so a dry run exercises
 * the whole pipeline (extraction, parsing, grading, judging) with realistic lengths: an instruction
 * in {@code <INS>} tags for an OPRO meta-prompt, a {@code [w, b]} pair or a {@code <trace>} for the
 * numeric meta-prompts, the BPO comparison format, a judge verdict, and a worked answer otherwise.
 *
 * <p>Replies vary with the request and the sample index (deterministically), so optimizer samples
 * are distinct candidates as they would be at temperature 1.
 */
public final class PlausibleReplies implements ReplyFunction {

    private static final Pattern POINTS = Pattern.compile("\\((\\d+)\\): \\(");
    // words, not numbers, tell samples apart: GSM8K's filter drops instructions containing digits
    private static final String[] FLAVOURS = {"carefully", "patiently", "precisely", "calmly", "thoroughly", "clearly",
        "systematically", "attentively", "rigorously", "steadily", "neatly"};
    private static final String[] STYLES = {
        "Let's think step by step and check each calculation before giving the final answer.",
        "Read the problem carefully, write down the known quantities, then solve it one step at a time.",
        "Break the question into smaller parts, solve each part, and state the final answer clearly.",
        "Identify what is being asked, plan the solution, compute carefully, and verify the result.",
        "Work through the problem methodically and double-check the arithmetic at every step.",
    };

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public String reply(SimRequest request, int sampleIndex) {
        String prompt = request.lastUserMessage() == null ? "" : request.lastUserMessage();
        String system = request.systemMessage() == null ? "" : request.systemMessage();
        int variant = Math.floorMod(prompt.hashCode() * 31 + sampleIndex * 7919 + (request.seed() == null ? 0 : request.seed().intValue()), 1_000_003);
        if (system.contains("impartial judge")) {
            return "Both assistants address the question. Assistant " + (variant % 2 == 0 ? "A" : "B")
                    + " is more complete and better organised, with more relevant detail.\n\n"
                    + (variant % 3 == 0 ? "[[C]]" : variant % 2 == 0 ? "[[A]]" : "[[B]]");
        }
        if (prompt.contains("<INS>") || prompt.contains("<Start>")) {
            String tag = prompt.contains("<Start>") && !prompt.contains("<INS>") ? "Start" : "INS";
            return "<" + tag + ">" + instruction(variant) + "</" + tag + ">";
        }
        if (prompt.contains("Write the text in square brackets")) {
            return "[" + instruction(variant) + "]";
        }
        if (prompt.contains("<TEXT>")) {
            return "<TEXT>" + instruction(variant) + "</TEXT>";
        }
        if (prompt.contains("pair [w, b]")) {
            return "Looking at the trend, a lower value should be near [w, b] = [" + (10 + variant % 10) + ", "
                    + (10 + (variant / 10) % 10) + "]";
        }
        if (prompt.contains("as a JSON object with exactly the keys")) {
            return "A small step from the best solution so far:\n" + nearBest(prompt, variant);
        }
        if (prompt.contains("<trace>")) {
            return "<trace> " + trace(prompt, variant) + " </trace>";
        }
        if (prompt.contains("Optimized Instruction:")) {
            return "Detailed Comparison Result: The good response follows the instruction closely and is more "
                    + "helpful, while the bad response is vague.\nOptimized Instruction: Please answer the following "
                    + "request accurately and in detail, explaining your reasoning step by step. [END]";
        }
        if (prompt.startsWith("[INST] You are an expert prompt engineer")) {
            return "Please answer the following request thoroughly and accurately, giving clear reasons and examples.";
        }
        return "First we find the quantities involved, then we compute the result step by step. The answer is "
                + (variant % 100) + ".";
    }

    /** One of a few hundred distinct instructions, without digits. */
    private static String instruction(int variant) {
        int f = FLAVOURS.length;
        return STYLES[variant % STYLES.length] + " Work " + FLAVOURS[(variant / STYLES.length) % f] + " and "
                + FLAVOURS[(variant / (STYLES.length * f)) % f] + ".";
    }

    /**
     * A black-box meta-prompt's best solution (listed last) with its numbers moved a little, so a
     * dry run of {@code opro optimize} proposes solutions of the space rather than prose.
     */
    private static String nearBest(String prompt, int variant) {
        int at = prompt.lastIndexOf("\nsolution:\n");
        if (at < 0) {
            return "{}";
        }
        int start = at + "\nsolution:\n".length();
        int end = prompt.indexOf('\n', start);
        try {
            com.fasterxml.jackson.databind.node.ObjectNode best = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(prompt.substring(start, end < 0 ? prompt.length() : end));
            int i = 0;
            for (var field : best.properties()) {
                var value = field.getValue();
                int shift = Math.floorMod(variant / (i++ * 3 + 1), 3) - 1;
                if (value.isIntegralNumber()) {
                    field.setValue(best.numberNode(value.asLong() + shift));
                } else if (value.isNumber()) {
                    double v = value.asDouble();
                    field.setValue(best.numberNode(v + shift * 0.05 * Math.max(1e-3, Math.abs(v))));
                }
            }
            return best.toString();
        } catch (java.io.IOException | ClassCastException e) {
            return "{}";
        }
    }

    /** A random order of the points listed in a TSP meta-prompt, starting at 0. */
    private static String trace(String prompt, int variant) {
        Matcher m = POINTS.matcher(prompt);
        int count = 0;
        while (m.find()) {
            count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
        }
        int[] order = new int[Math.max(count, 1)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long state = variant + 1L;
        for (int i = order.length - 1; i > 1; i--) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int j = 1 + (int) Math.floorMod(state >>> 33, (long) i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < order.length; i++) {
            sb.append(i == 0 ? "" : ",").append(order[i]);
        }
        return sb.toString();
    }
}
