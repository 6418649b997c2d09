package io.llmopt.bpo.judge;

/**
 * One judge call: in which order the responses were shown, and what it said.
 *
 * @param rewrittenFirst true when the rewritten prompt's response was assistant A
 * @param verdict        the verdict as shown (A, B, tie, none)
 * @param reply          the judge's raw reply
 */
public record OrderedVerdict(boolean rewrittenFirst, Verdict verdict, String reply) {

    /** The verdict in terms of the rewritten prompt: WIN, LOSE, TIE, or INVALID. */
    public Outcome forRewritten() {
        return switch (verdict) {
            case A -> rewrittenFirst ? Outcome.WIN : Outcome.LOSE;
            case B -> rewrittenFirst ? Outcome.LOSE : Outcome.WIN;
            case TIE -> Outcome.TIE;
            case NONE -> Outcome.INVALID;
        };
    }
}
