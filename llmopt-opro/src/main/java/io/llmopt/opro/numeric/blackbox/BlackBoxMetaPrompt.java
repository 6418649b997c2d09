package io.llmopt.opro.numeric.blackbox;

import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A meta-prompt in the paper's style for a user objective: the description, the parameters,
 * past solutions with their values sorted so the best come last, and the request for a new,
 * better solution as a JSON object.
 */
public final class BlackBoxMetaPrompt {

    public static final int DEFAULT_MAX_PAIRS = 20;

    private BlackBoxMetaPrompt() {
    }

    public static String build(SearchSpace space, List<Evaluation<Candidate>> scored, int maxPairs) {
        Direction direction = space.direction();
        boolean minimize = direction == Direction.MINIMIZE;
        StringBuilder out = new StringBuilder();
        if (!space.description().isBlank()) {
            out.append(space.description().strip()).append("\n\n");
        }
        out.append("Now you will help me ").append(direction.verb()).append(" a function of ")
                .append(space.parameters().size()).append(space.parameters().size() == 1 ? " parameter:\n" : " parameters:\n");
        for (Parameter p : space.parameters()) {
            out.append("- ").append(p.name()).append(": ").append(p.describe()).append('\n');
        }
        List<Evaluation<Candidate>> sorted = new ArrayList<>(scored);
        Comparator<Evaluation<Candidate>> worstFirst = Comparator.comparingDouble(Evaluation::value);
        sorted.sort(minimize ? worstFirst.reversed() : worstFirst);
        List<Evaluation<Candidate>> shown = sorted.subList(Math.max(0, sorted.size() - maxPairs), sorted.size());
        if (!shown.isEmpty()) {
            out.append("\nBelow are some previous solutions and their values. The solutions are arranged in ")
                    .append(minimize ? "descending" : "ascending").append(" order based on their values, where ")
                    .append(minimize ? "lower" : "higher").append(" values are better.\n");
            for (Evaluation<Candidate> e : shown) {
                out.append("\nsolution:\n").append(e.solution().toJson()).append("\nvalue:\n").append(formatValue(e.value())).append('\n');
            }
        }
        out.append("\nGive me a new solution that is different from all solutions above, and has a value ")
                .append(minimize ? "lower" : "higher").append(" than any of the above. Do not write code. ")
                .append("The output must end with the solution as a JSON object with exactly the keys ")
                .append(String.join(", ", space.parameters().stream().map(p -> "\"" + p.name() + "\"").toList()))
                .append('.');
        return out.toString();
    }

    /** Six significant digits: enough to rank, short enough to keep the prompt readable. */
    static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s.length() <= 20 ? s : String.format(Locale.ROOT, "%.5e", v);
    }
}
