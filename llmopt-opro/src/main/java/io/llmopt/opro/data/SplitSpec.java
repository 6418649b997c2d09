package io.llmopt.opro.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a data set is divided into training, validation and test examples: stored with a run so
 * the same examples are drawn again.
 *
 * <p>The training part is either a fraction of all examples (truncated as the reference's
 * {@code int(train_ratio * n)}) or a fixed count; the validation part likewise, drawn from what the
 * training part left; the test part is the rest. {@code perTask} splits every task of a
 * multi-task data set on its own, as running the reference once per BBH task does.
 *
 * @param trainFraction      share of all examples for training, or null when {@code trainCount} is given
 * @param trainCount         number of training examples, or null when {@code trainFraction} is given
 * @param validationFraction share of all examples for validation, or null when {@code validationCount} is given
 * @param validationCount    number of validation examples, or null when {@code validationFraction} is given
 * @param seed               the numpy seed ({@code np.random.seed}); the reference uses 0
 * @param perTask            split each task separately instead of the concatenation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitSpec(Double trainFraction, Integer trainCount, Double validationFraction,
                        Integer validationCount, long seed, boolean perTask) {

    public SplitSpec {
        if ((trainFraction == null) == (trainCount == null)) {
            throw new IllegalArgumentException("give either a training fraction or a training count");
        }
        if (validationFraction != null && validationCount != null) {
            throw new IllegalArgumentException("give either a validation fraction or a validation count, not both");
        }
        if (validationFraction == null && validationCount == null) {
            validationFraction = 0.0;
        }
        checkFraction("training", trainFraction);
        checkFraction("validation", validationFraction);
        if (trainFraction != null && validationFraction != null && trainFraction + validationFraction > 1.0) {
            throw new IllegalArgumentException("training and validation fractions add up to more than 1");
        }
        if ((trainCount != null && trainCount < 0) || (validationCount != null && validationCount < 0)) {
            throw new IllegalArgumentException("example counts cannot be negative");
        }
    }

    private static void checkFraction(String what, Double fraction) {
        if (fraction != null && !(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException(what + " fraction must be between 0 and 1, got " + fraction);
        }
    }

    /** Fractions of the whole data set; the test part is the rest. */
    public static SplitSpec fractions(double train, double validation, long seed) {
        return new SplitSpec(train, null, validation, null, seed, false);
    }

    /** Fixed numbers of examples; the test part is the rest. */
    public static SplitSpec counts(int train, int validation, long seed) {
        return new SplitSpec(null, train, null, validation, seed, false);
    }

    /** The reference's GSM8K split: 3.5% of gsm_train for training (261 examples), no validation, seed 0. */
    public static SplitSpec gsm8kReference() {
        return fractions(0.035, 0.0, 0);
    }

    /** The reference's BBH split: 20% of each task for training, the rest test, seed 0. */
    public static SplitSpec bbhReference() {
        return new SplitSpec(0.2, null, 0.0, null, 0, true);
    }

    /** The reference's MMLU split (optimization): 80% training, 20% validation, seed 0. */
    public static SplitSpec mmluReference() {
        return fractions(0.8, 0.2, 0);
    }

    /** The same split, applied to each task separately. */
    public SplitSpec withPerTask(boolean value) {
        return new SplitSpec(trainFraction, trainCount, validationFraction, validationCount, seed, value);
    }

    int trainSize(int n) {
        return size("training", trainFraction, trainCount, n);
    }

    int validationSize(int n) {
        return size("validation", validationFraction, validationCount, n);
    }

    private static int size(String what, Double fraction, Integer count, int n) {
        // The reference truncates the product as Python's int() does; the same double product gives the same count.
        int size = fraction != null ? (int) (fraction * n) : count;
        if (size > n) {
            throw new IllegalArgumentException(what + " count " + size + " exceeds the " + n + " examples available");
        }
        return size;
    }
}
