package io.llmopt.opro.racing;

/** One candidate's running comparison with the bar, fed its results in the racing order. */
interface BarTest {

    /** Records the candidate's result on the next example of the order. */
    void observe(int exampleIndex, boolean correct);

    /** Asked at the end of a round that may drop: is the candidate shown to be below the bar? */
    boolean showsBelowBar();

    /** A test for the given bound and bar; {@code droppingRounds} is how many rounds may drop. */
    static BarTest create(DropBound bound, Bar bar, int splitSize, double delta, int droppingRounds) {
        if (!bar.canDrop()) {
            return NEVER;
        }
        return switch (bound) {
            case BETTING -> new BettingBarTest(bar, splitSize, delta);
            case HOEFFDING -> new HoeffdingBarTest(bar, splitSize, delta / Math.max(1, droppingRounds));
        };
    }

    BarTest NEVER = new BarTest() {
        @Override
        public void observe(int exampleIndex, boolean correct) {
        }

        @Override
        public boolean showsBelowBar() {
            return false;
        }
    };
}
