package io.llmopt.opro.data;

import io.llmopt.opro.random.NumpyRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sorted example positions (indices into a {@link Dataset}) for training, validation and test,
 * drawn exactly as the OPRO reference draws them: {@code np.random.seed(seed)}, the training
 * positions by {@code np.random.choice(n, k, replace=False)}, the validation positions by a
 * second {@code choice} over the remaining positions, the test positions are what is left.
 *
 * @param spec       how the split was made, to store with a run
 * @param train      training positions, ascending
 * @param validation validation positions, ascending
 * @param test       test positions, ascending
 */
public record DatasetSplit(SplitSpec spec, List<Integer> train, List<Integer> validation, List<Integer> test) {

    public DatasetSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** Splits {@code n} examples that form one task. */
    public static DatasetSplit of(SplitSpec spec, int n) {
        int[][] parts = splitRange(spec, n, 0);
        return new DatasetSplit(spec, boxed(parts[0]), boxed(parts[1]), boxed(parts[2]));
    }

    /** Splits a data set, per task when the spec asks for it (tasks must be contiguous, as the loaders give them). */
    public static DatasetSplit of(SplitSpec spec, Dataset dataset) {
        if (!spec.perTask()) {
            return of(spec, dataset.size());
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        List<Example> examples = dataset.examples();
        int start = 0;
        while (start < examples.size()) {
            String task = examples.get(start).task();
            int end = start;
            while (end < examples.size() && examples.get(end).task().equals(task)) {
                end++;
            }
            int[][] parts = splitRange(spec, end - start, start);
            train.addAll(boxed(parts[0]));
            validation.addAll(boxed(parts[1]));
            test.addAll(boxed(parts[2]));
            start = end;
        }
        return new DatasetSplit(spec, train, validation, test);
    }

    private static int[][] splitRange(SplitSpec spec, int n, int offset) {
        NumpyRandom random = new NumpyRandom(spec.seed());
        int[] train = random.choiceWithoutReplacement(n, spec.trainSize(n));
        Arrays.sort(train);
        int[] rest = complement(train, n);
        int validationSize = spec.validationSize(n);
        if (validationSize > rest.length) {
            throw new IllegalArgumentException("validation count " + validationSize + " exceeds the "
                    + rest.length + " examples left after training");
        }
        int[] validation = random.choiceWithoutReplacement(rest, validationSize);
        Arrays.sort(validation);
        int[] test = Arrays.stream(rest).filter(i -> Arrays.binarySearch(validation, i) < 0).toArray();
        return new int[][] {shift(train, offset), shift(validation, offset), shift(test, offset)};
    }

    private static int[] complement(int[] sortedTaken, int n) {
        return IntStream.range(0, n).filter(i -> Arrays.binarySearch(sortedTaken, i) < 0).toArray();
    }

    private static int[] shift(int[] values, int offset) {
        return Arrays.stream(values).map(v -> v + offset).toArray();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
