package io.llmopt.bpo.pairs;

import io.llmopt.core.text.PythonText;
import java.util.Optional;

/**
 * Parses a pair-construction reply the way the reference does.
 *
 * <ol>
 *   <li>Keep the text before the first {@code [END]} (all of it when there is none).</li>
 *   <li>Without {@code Optimized Instruction:} in that text the reply is unusable.</li>
 *   <li>The comparison is the text before the first marker; the candidate is the text between the
 *       first and a second marker (Python's {@code split(...)[1]}), so a repeated marker cuts it.</li>
 *   <li>If the candidate is a Python string literal its value, stripped, is the optimized
 *       instruction ({@code eval(...).strip()}); otherwise the candidate stripped. A half-quoted
 *       candidate therefore keeps its quote.</li>
 * </ol>
 */
public final class PairParser {

    public static final String END = "[END]";
    public static final String MARKER = "Optimized Instruction:";

    private PairParser() {
    }

    /** The parsed reply, or empty when it has no "Optimized Instruction:" before [END]. */
    public static Optional<ParsedReply> parse(String reply) {
        int end = reply.indexOf(END);
        String body = end < 0 ? reply : reply.substring(0, end);
        int marker = body.indexOf(MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        String comparison = body.substring(0, marker);
        String rest = body.substring(marker + MARKER.length());
        int second = rest.indexOf(MARKER);
        String candidate = second < 0 ? rest : rest.substring(0, second);
        String optimized = PythonText.evalStringLiteral(candidate)
                .map(PythonText::strip)
                .orElseGet(() -> PythonText.strip(candidate));
        return Optional.of(new ParsedReply(comparison, optimized));
    }
}
