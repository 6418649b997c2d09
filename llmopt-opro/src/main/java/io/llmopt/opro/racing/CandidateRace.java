package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** One candidate's state during a race; confined to the race's sequencing, never shared. */
final class CandidateRace {

    private final String instruction;
    private final BarTest test;
    private final List<ExampleResult> results = new ArrayList<>();
    private OptionalInt droppedAfterRound = OptionalInt.empty();

    CandidateRace(String instruction, BarTest test) {
        this.instruction = instruction;
        this.test = test;
    }

    String instruction() {
        return instruction;
    }

    boolean running() {
        return droppedAfterRound.isEmpty();
    }

    /** Adds one round's results, which must be the next stretch of the racing order. */
    void record(List<ExampleResult> round) {
        for (ExampleResult r : round) {
            results.add(r);
            test.observe(r.exampleIndex(), r.correct());
        }
    }

    /** Drops the candidate if its test now shows it below the bar. */
    void judgeAfter(int round) {
        if (test.showsBelowBar()) {
            droppedAfterRound = OptionalInt.of(round);
        }
    }

    CandidateOutcome outcome() {
        return new CandidateOutcome(instruction, droppedAfterRound, results, results.size());
    }
}
