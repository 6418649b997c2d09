package io.llmopt.opro.meta;

import io.llmopt.opro.random.NumpyRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Picks a step's exemplars (as positions in the data set) exactly as the reference does,
 * including its quirks, which matter for reproducing its runs:
 * <ul>
 * <li>{@code accumulative_most_frequent} samples uniformly among <em>all</em> examples ever got
 *     wrong (the frequency only orders the list it samples from), seeded by the step, and
 *     returns them unsorted by frequency when there are few enough;</li>
 * <li>{@code current_most_frequent} samples among the examples tied at the highest count
 *     <em>without</em> reseeding, continuing numpy's global stream, so the caller passes that stream.</li>
 * </ul>
 * Counts are maps in the order the reference's {@code Counter} first saw each example; pass a
 * {@code LinkedHashMap}.
 */
public final class ExemplarSelector {
    private ExemplarSelector() {
    }

    /** {@code random}: {@code np.random.seed(step)}, then a sorted sample of the training positions. */
    public static List<Integer> random(int step, List<Integer> trainPositions, int count) {
        return sortedSample(new NumpyRandom(step), trainPositions, count);
    }

    /** {@code constant}: the sample {@code random} draws at seed 0, every step. */
    public static List<Integer> constant(List<Integer> trainPositions, int count) {
        return sortedSample(new NumpyRandom(0), trainPositions, count);
    }

    /**
     * {@code accumulative_most_frequent}.
     *
     * @param wrongCounts how many instructions so far got each example wrong, in first-seen order
     */
    public static List<Integer> accumulativeMostFrequent(int step, Map<Integer, Integer> wrongCounts, int count) {
        List<Integer> byFrequency = new ArrayList<>(wrongCounts.keySet());
        byFrequency.sort((a, b) -> Integer.compare(wrongCounts.get(b), wrongCounts.get(a)));
        if (byFrequency.size() <= count) {
            return byFrequency;
        }
        return sortedSample(new NumpyRandom(step), byFrequency, count);
    }

    /**
     * {@code current_most_frequent}.
     *
     * @param wrongCounts how many of the shown instructions got each example wrong, in first-seen order
     * @param globalStream numpy's global stream as the reference would have it at this point (it is not reseeded)
     */
    public static List<Integer> currentMostFrequent(Map<Integer, Integer> wrongCounts, int count,
                                                    NumpyRandom globalStream) {
        if (wrongCounts.isEmpty()) {
            return List.of();
        }
        int max = Collections.max(wrongCounts.values());
        List<Integer> mostWrong = wrongCounts.entrySet().stream().filter(e -> e.getValue() == max)
                .map(Map.Entry::getKey).toList();
        if (mostWrong.size() < count) {
            List<Integer> byFrequency = new ArrayList<>(wrongCounts.keySet());
            byFrequency.sort((a, b) -> Integer.compare(wrongCounts.get(b), wrongCounts.get(a)));
            return List.copyOf(byFrequency.subList(0, Math.min(count, byFrequency.size())));
        }
        return sortedSample(globalStream, mostWrong, count);
    }

    private static List<Integer> sortedSample(NumpyRandom random, List<Integer> population, int count) {
        int[] values = population.stream().mapToInt(Integer::intValue).toArray();
        int[] picked = random.choiceWithoutReplacement(values, count);
        Arrays.sort(picked);
        return Arrays.stream(picked).boxed().toList();
    }
}
