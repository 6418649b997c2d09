package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted optimizer for OPRO's numeric meta-prompts (linear regression, TSP, black-box
 * objectives), for tests, benchmarks and dry runs against the simulated server. It reads the best
 * solution shown (the meta-prompts list the best last) and proposes a random neighbour of it:
 * a small move of (w, b), a reversed segment of the trace, a nudge of each numeric parameter.
 * Every {@link #DEFAULT_NOISE_EVERY}-th sample is a typical malformed answer, so invalid-output
 * handling is exercised too.
 *
 * <p>It measures the loop, not a model: a local search that knows nothing but what the
 * meta-prompt shows. Randomness comes from the request's seed and the sample index, so a run
 * with a fixed seed is reproducible; a request without a seed falls back to the prompt's hash.
 *
 * <pre>{@code
 * sim.reply(NumericReplies.optimizer());
 * }</pre>
 */
public final class NumericReplies implements ReplyFunction {

    /** One sample in eight is malformed by default. */
    public static final int DEFAULT_NOISE_EVERY = 8;

    private static final Pattern PAIR = Pattern.compile("w=(-?\\d+), b=(-?\\d+)");
    private static final Pattern TRACE = Pattern.compile("<trace> ?([0-9,]+) ?</trace>");
    private static final Pattern SOLUTION = Pattern.compile("solution:\\n(\\{.*})\\n");
    private static final Pattern PARAMETER = Pattern.compile(
            "^- (\\S+): (an integer|a number) between (-?[0-9.eE+-]+) and (-?[0-9.eE+-]+)(?: in steps of ([0-9.eE+-]+))?$",
            Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int noiseEvery;

    private NumericReplies(int noiseEvery) {
        this.noiseEvery = noiseEvery;
    }

    /** The optimizer with one malformed sample in {@link #DEFAULT_NOISE_EVERY}. */
    public static NumericReplies optimizer() {
        return new NumericReplies(DEFAULT_NOISE_EVERY);
    }

    /** The optimizer with one malformed sample in {@code noiseEvery}; 0 for none. */
    public static NumericReplies optimizer(int noiseEvery) {
        return new NumericReplies(noiseEvery);
    }

    @Override
    public String reply(SimRequest request, int sampleIndex) {
        String prompt = request.lastUserMessage();
        long seed = request.seed() != null ? request.seed() : prompt.hashCode();
        Random random = new Random(seed * 1_000_003L + sampleIndex);
        boolean noisy = noiseEvery > 0 && sampleIndex % noiseEvery == noiseEvery - 1;
        if (prompt.contains("<trace>")) {
            return tsp(prompt, random, noisy);
        }
        if (PAIR.matcher(prompt).find()) {
            return linearRegression(prompt, random, noisy);
        }
        if (prompt.contains("solution:\n")) {
            return blackBox(prompt, random, noisy);
        }
        return "I need some previous solutions to improve on.";
    }

    private static String linearRegression(String prompt, Random random, boolean noisy) {
        Matcher m = PAIR.matcher(prompt);
        long w = 0;
        long b = 0;
        while (m.find()) {
            w = Long.parseLong(m.group(1));
            b = Long.parseLong(m.group(2));
        }
        if (noisy) {
            return "The function looks quadratic in w and b; it is hard to say more without computing.";
        }
        long nw = w + random.nextInt(5) - 2;
        long nb = b + random.nextInt(7) - 3;
        return "Moving a little from the best pair so far, (" + w + ", " + b + ").\n[w=" + nw + ", b=" + nb + "]";
    }

    private static String tsp(String prompt, Random random, boolean noisy) {
        Matcher m = TRACE.matcher(prompt);
        String best = null;
        while (m.find()) {
            best = m.group(1);
        }
        if (best == null) {
            return "<trace> 0 </trace>";
        }
        String[] ids = best.split(",");
        int a = 1 + random.nextInt(ids.length - 1);
        int c = 1 + random.nextInt(ids.length - 1);
        for (int lo = Math.min(a, c), hi = Math.max(a, c); lo < hi; lo++, hi--) {
            String t = ids[lo];
            ids[lo] = ids[hi];
            ids[hi] = t;
        }
        String trace = String.join(",", ids);
        if (noisy) {
            return "<trace> " + trace + "," + ids[1] + " </trace>";
        }
        return "Reversing a segment removes a crossing.\n<trace> " + trace + " </trace>";
    }

    private static String blackBox(String prompt, Random random, boolean noisy) {
        Matcher m = SOLUTION.matcher(prompt);
        String best = null;
        while (m.find()) {
            best = m.group(1);
        }
        if (noisy) {
            return "A better solution probably lies nearby, but I cannot tell which way.";
        }
        ObjectNode solution;
        try {
            solution = (ObjectNode) JSON.readTree(best);
        } catch (IOException | ClassCastException e) {
            return "I could not read the previous solutions.";
        }
        Map<String, double[]> ranges = new HashMap<>();
        Matcher p = PARAMETER.matcher(prompt);
        while (p.find()) {
            double step = p.group(5) != null ? Double.parseDouble(p.group(5)) : p.group(2).equals("an integer") ? 1 : 0;
            ranges.put(p.group(1), new double[] {Double.parseDouble(p.group(3)), Double.parseDouble(p.group(4)), step});
        }
        ranges.forEach((name, range) -> {
            JsonNode value = solution.get(name);
            if (value == null || !value.isNumber()) {
                return;
            }
            double min = range[0];
            double max = range[1];
            double step = range[2];
            double moved;
            if (step > 0) {
                moved = value.asDouble() + step * (random.nextInt(5) - 2);
            } else {
                moved = value.asDouble() + (max - min) * 0.05 * (2 * random.nextDouble() - 1);
            }
            moved = Math.max(min, Math.min(max, moved));
            if (step == 1 && min == Math.rint(min)) {
                solution.put(name, (long) Math.rint(moved));
            } else {
                solution.put(name, Double.parseDouble(String.format(Locale.ROOT, "%.6g", moved)));
            }
        });
        return "Nudging each parameter from the best solution so far.\n" + solution;
    }
}
