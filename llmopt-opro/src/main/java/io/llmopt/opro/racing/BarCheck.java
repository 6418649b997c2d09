package io.llmopt.opro.racing;

/** One candidate's running comparison with the bar, fed its results in the racing order. */
interface BarCheck {

    /** Records the candidate's result on the next example of the order. */
    void observe(int exampleIndex, boolean correct);

    /**
     * Asked after each observed example: is the candidate now shown to fall short of the bar?
     * Sticky once true.
     *
     * @param observed how many examples have been observed so far
     */
    boolean showsBelowBar(int observed);

    /** A test for the given bound, bar and settings; never drops when there is no bar. */
    static BarCheck create(RacingSettings settings, Bar bar, int splitSize) {
        if (!bar.canDrop()) {
            return NEVER;
        }
        return switch (settings.bound()) {
            case BETTING -> new BettingBarCheck(bar, splitSize, settings.delta());
            case HOEFFDING -> new HoeffdingBarCheck(bar, splitSize, settings.delta(),
                    settings.looks().sizesFor(splitSize));
        };
    }

    BarCheck NEVER = new BarCheck() {
        @Override
        public void observe(int exampleIndex, boolean correct) {
        }

        @Override
        public boolean showsBelowBar(int observed) {
            return false;
        }
    };
}
