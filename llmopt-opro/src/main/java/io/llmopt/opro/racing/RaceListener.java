package io.llmopt.opro.racing;

/** Hears of drops as they happen, e.g. so a progress display can shrink what a step has left to do. */
@FunctionalInterface
public interface RaceListener {

    RaceListener NONE = (instruction, examplesSaved) -> {
    };

    /**
     * A candidate was dropped; called once, on whatever thread completed the deciding call.
     *
     * @param instruction   the candidate
     * @param examplesSaved examples it will never be scored on (calls still in flight are not among them)
     */
    void dropped(String instruction, int examplesSaved);
}
