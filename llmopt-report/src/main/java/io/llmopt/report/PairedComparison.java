package io.llmopt.report;

import io.llmopt.core.stats.McNemar;
import io.llmopt.core.store.ExampleResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact McNemar test between two candidates on the examples both were scored on (matched by
 * example id), e.g. the best instruction against the baseline on the test split, or the best
 * candidates of two runs that share a test set.
 *
 * @param shared   examples both were scored on
 * @param firstCorrect  how many of those the first got right
 * @param secondCorrect how many of those the second got right
 * @param test     the McNemar result (first vs second)
 */
public record PairedComparison(int shared, long firstCorrect, long secondCorrect, McNemar.Result test) {

    /** The comparison, or empty when the two share no example. */
    public static Optional<PairedComparison> of(List<ExampleResult> first, List<ExampleResult> second) {
        Map<String, Boolean> byId = new HashMap<>();
        for (ExampleResult r : second) {
            byId.put(r.exampleId(), r.correct());
        }
        List<Boolean> firstOnShared = new ArrayList<>();
        List<Boolean> secondOnShared = new ArrayList<>();
        for (ExampleResult r : first) {
            Boolean other = byId.get(r.exampleId());
            if (other != null) {
                firstOnShared.add(r.correct());
                secondOnShared.add(other);
            }
        }
        int shared = firstOnShared.size();
        if (shared == 0) {
            return Optional.empty();
        }
        boolean[] a = new boolean[shared];
        boolean[] b = new boolean[shared];
        for (int i = 0; i < shared; i++) {
            a[i] = firstOnShared.get(i);
            b[i] = secondOnShared.get(i);
        }
        // the same pairing count as the OPRO final evaluation: one McNemar routine in core
        return Optional.of(new PairedComparison(shared, count(a), count(b), McNemar.exact(a, b)));
    }

    private static long count(boolean[] correct) {
        long n = 0;
        for (boolean c : correct) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /** First minus second accuracy on the shared examples. */
    public double accuracyDifference() {
        return (double) (firstCorrect - secondCorrect) / shared;
    }

    /** "+4.0 pts, p=0.0213 (b=9, c=1, n=200)". */
    public String display() {
        String p = Format.pValue(test.pValue());
        return String.format(java.util.Locale.ROOT, "%+.1f pts, p%s (b=%d, c=%d, n=%d)", accuracyDifference() * 100,
                p.startsWith("<") ? p : "=" + p, test.onlyFirstCorrect(), test.onlySecondCorrect(), shared);
    }
}
