package io.llmopt.opro.meta;

import io.llmopt.core.text.PythonText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which polished candidates of a step get evaluated, recording why the others are dropped.
 *
 * <p>As in the reference, a text counts as seen once generated, even if a later filter drops it,
 * so a too-long text generated again is "already evaluated". The reference also forgets the
 * order of a step's candidates ({@code list(set(...))}); here they keep the order they came in.
 *
 * @param accepted  candidates to evaluate, in order
 * @param rejected  dropped candidates and the reason for each
 * @param nowSeen   the seen set after this step (the input set plus this step's texts)
 */
public record CandidateScreening(List<String> accepted, List<Rejected> rejected, Set<String> nowSeen) {

    /** The reference's length limit, in characters (code points). */
    public static final int MAX_LENGTH = 500;

    /** A dropped candidate. */
    public record Rejected(String text, DropReason reason) {
    }

    public CandidateScreening {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        nowSeen = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(nowSeen));
    }

    /**
     * @param polished     the step's candidates after {@link InstructionPolisher}
     * @param seen         texts generated or evaluated in earlier steps
     * @param forbidDigits true for GSM8K, as the reference
     */
    public static CandidateScreening screen(List<String> polished, Set<String> seen, boolean forbidDigits) {
        Set<String> nowSeen = new LinkedHashSet<>(seen);
        List<String> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (String text : polished) {
            if (!nowSeen.add(text)) {
                rejected.add(new Rejected(text, DropReason.ALREADY_EVALUATED));
            } else if (PythonText.length(text) > MAX_LENGTH) {
                rejected.add(new Rejected(text, DropReason.TOO_LONG));
            } else if (forbidDigits && text.codePoints().anyMatch(PythonText::isDigit)) {
                rejected.add(new Rejected(text, DropReason.CONTAINS_DIGIT));
            } else if (text.contains("INS")) {
                rejected.add(new Rejected(text, DropReason.CONTAINS_INS));
            } else {
                accepted.add(text);
            }
        }
        return new CandidateScreening(accepted, rejected, nowSeen);
    }
}
