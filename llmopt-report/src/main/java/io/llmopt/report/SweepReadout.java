package io.llmopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.stats.ConfidenceInterval;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.WorkItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sweep as its store records it, per setting: each repetition's run, its best-so-far training
 * accuracy per step, its best instruction's test accuracy, and what it cost. Read by the sweep
 * report, the dashboard and the terminal summary, so all three show the same numbers.
 *
 * @param sweep    the sweep's own run
 * @param settings in grid order
 */
public record SweepReadout(RunRecord sweep, List<Setting> settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run of a setting.
     *
     * @param cell          its key in the sweep ("s03-r1")
     * @param repetition    from 0
     * @param run           the run, or null when its record is gone (deleted)
     * @param bestSoFar     step -> the best training accuracy up to that step (0..1)
     * @param test          the test accuracy of its best instruction that was tested, or null
     * @param calls         its calls, tokens and cost over all its attempts
     */
    public record Member(String cell, int repetition, RunRecord run, TreeMap<Integer, Double> bestSoFar,
                         SplitAccuracy test, CallTotals calls) {

        public boolean completed() {
            return run != null && run.status() == RunStatus.COMPLETED;
        }
    }

    /** A step's training accuracy over a setting's runs: the mean and the lowest and highest. */
    public record Band(int step, double mean, double low, double high, int runs) {
    }

    /** One setting and its runs. */
    public record Setting(int index, String label, JsonNode values, List<Member> members) {

        public long completedRuns() {
            return members.stream().filter(Member::completed).count();
        }

        /**
         * Per step, the mean and range over the runs of their best training accuracy so far; a
         * run that has no more steps holds its last value (the search ended there).
         */
        public List<Band> trainingBands() {
            int last = members.stream().filter(m -> !m.bestSoFar().isEmpty()).mapToInt(m -> m.bestSoFar().lastKey())
                    .max().orElse(-1);
            List<Band> bands = new ArrayList<>();
            for (int step = 0; step <= last; step++) {
                double sum = 0;
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (Member m : members) {
                    Map.Entry<Integer, Double> e = m.bestSoFar().floorEntry(step);
                    if (e == null) {
                        continue;
                    }
                    sum += e.getValue();
                    low = Math.min(low, e.getValue());
                    high = Math.max(high, e.getValue());
                    n++;
                }
                if (n > 0) {
                    bands.add(new Band(step, sum / n, low, high, n));
                }
            }
            return bands;
        }

        /** The final best training accuracy, averaged over the runs that have one. */
        public Optional<Double> finalTraining() {
            List<Double> last = members.stream().filter(m -> !m.bestSoFar().isEmpty())
                    .map(m -> m.bestSoFar().lastEntry().getValue()).toList();
            return last.isEmpty() ? Optional.empty() : Optional.of(last.stream().mapToDouble(d -> d).average().orElse(0));
        }

        /**
         * The test accuracy of the runs' best instructions, pooled over the repetitions (every
         * test answer of every run counted once), with its 95% Wilson interval; empty when no run
         * was tested with per-example results.
         */
        public Optional<SplitAccuracy> test() {
            long correct = 0;
            long total = 0;
            for (Member m : members) {
                if (m.test() != null && m.test().total() > 0) {
                    correct += m.test().correct();
                    total += m.test().total();
                }
            }
            if (total == 0) {
                return Optional.empty();
            }
            ConfidenceInterval ci = WilsonInterval.of(correct, total);
            return Optional.of(new SplitAccuracy((double) correct / total, correct, total, ci));
        }

        public long calls() {
            return members.stream().mapToLong(m -> m.calls().calls()).sum();
        }

        public long cacheHits() {
            return members.stream().mapToLong(m -> m.calls().cacheHits()).sum();
        }

        public long tokens() {
            return members.stream().mapToLong(m -> m.calls().totalTokens()).sum();
        }

        public double cost() {
            return members.stream().mapToDouble(m -> m.calls().cost()).sum();
        }
    }

    /**
     * @throws IllegalArgumentException when {@code sweepId} is no sweep in {@code store}
     */
    public static SweepReadout read(RunStore store, String sweepId) {
        RunRecord sweep = store.run(sweepId).filter(r -> RunKinds.OPRO_SWEEP.equals(r.kind()))
                .orElseThrow(() -> new IllegalArgumentException("no sweep " + sweepId + " in " + store.file()));
        TreeMap<Integer, List<Member>> members = new TreeMap<>();
        TreeMap<Integer, String> labels = new TreeMap<>();
        TreeMap<Integer, JsonNode> values = new TreeMap<>();
        List<WorkItem> items = new ArrayList<>(store.workItems(sweepId, RunKinds.OPRO_SWEEP_CELL_ITEM));
        items.sort(Comparator.comparing(WorkItem::key));
        for (WorkItem item : items) {
            JsonNode p = read(item.payloadJson());
            int setting = p.path("setting").asInt();
            labels.put(setting, p.path("label").asText(""));
            values.put(setting, p.path("values"));
            RunRecord run = store.run(p.path("run_id").asText("")).orElse(null);
            members.computeIfAbsent(setting, k -> new ArrayList<>()).add(member(store, item.key(), p.path("repetition").asInt(), run));
        }
        List<Setting> settings = new ArrayList<>();
        members.forEach((index, list) -> settings.add(new Setting(index, labels.get(index), values.get(index), List.copyOf(list))));
        return new SweepReadout(sweep, List.copyOf(settings));
    }

    /** Every run of the sweep, setting by setting. */
    public List<Member> members() {
        return settings.stream().flatMap(s -> s.members().stream()).toList();
    }

    public CallTotals totals() {
        long calls = 0, hits = 0, errors = 0, prompt = 0, completion = 0;
        double cost = 0;
        for (Member m : members()) {
            CallTotals t = m.calls();
            calls += t.calls();
            hits += t.cacheHits();
            errors += t.errors();
            prompt += t.promptTokens();
            completion += t.completionTokens();
            cost += t.cost();
        }
        return new CallTotals(calls, hits, errors, prompt, completion, cost);
    }

    private static Member member(RunStore store, String cell, int repetition, RunRecord run) {
        if (run == null) {
            return new Member(cell, repetition, null, new TreeMap<>(), null, new CallTotals(0, 0, 0, 0, 0, 0));
        }
        List<CandidateRecord> candidates = store.candidates(run.id());
        TreeMap<Integer, Double> bestOfStep = new TreeMap<>();
        for (CandidateRecord c : candidates) {
            if (c.status() == CandidateStatus.KEPT && c.trainScore() != null) {
                bestOfStep.merge(c.step(), c.trainScore(), Math::max);
            }
        }
        TreeMap<Integer, Double> bestSoFar = new TreeMap<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : bestOfStep.entrySet()) {
            best = Math.max(best, e.getValue());
            bestSoFar.put(e.getKey(), best);
        }
        SplitAccuracy test = CandidateRanking.best(candidates, Integer.MAX_VALUE).stream()
                .filter(c -> c.testScore() != null).findFirst()
                .map(c -> SplitAccuracy.of(store, c, Split.TEST)).orElse(null);
        return new Member(cell, repetition, run, bestSoFar, test, store.callTotals(run.id()));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
