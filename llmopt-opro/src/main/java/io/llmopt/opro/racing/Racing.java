package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Racing evaluation of one OPRO step's candidates: score them on growing prefixes of a shared
 * random example order, and stop scoring a candidate as soon as a statistical test shows that its
 * full-split accuracy is below the {@link Bar} (the k-th best incumbent's score or the score
 * threshold, whichever is higher), since such a candidate can never appear in the meta-prompt.
 * Candidates that are not dropped are scored on the whole split, so every score the meta-prompt
 * shows is still a full-split accuracy.
 *
 * <h2>The guarantee</h2>
 * Fix the candidates' per-example results (whatever the scorer answers) and let the example order
 * be uniformly random and independent of them ({@link ExampleOrder#forStep}). Then, for each
 * candidate whose full-split accuracy is at least the bar, <strong>the probability that racing
 * drops it is at most {@code delta}</strong>. A candidate below the bar may or may not be dropped;
 * dropping it never changes the meta-prompt. Ties with the bar count as reaching it.
 * <ul>
 *   <li>{@link DropBound#BETTING} is anytime-valid (Ville's inequality), so {@code delta} holds
 *       over all rounds without a union bound; the comparison is paired with the bar incumbent's
 *       results on the same examples.</li>
 *   <li>{@link DropBound#HOEFFDING} spends {@code delta / R} at each of the {@code R} rounds that
 *       can drop (every round but the last) and applies a union bound over them.</li>
 * </ul>
 * Each candidate is compared with a single bar, so there is no union over comparisons per
 * candidate. The guarantee is per candidate: the expected number of wrongly dropped candidates in
 * a step is at most {@code delta} times the number that reach the bar. To bound the chance that
 * <em>any</em> of a step's {@code m} candidates is wrongly dropped, pass {@code delta / m}.
 *
 * <p>Candidates are compared only with the incumbents, not with each other: a candidate that beats
 * the k-th incumbent but not its fellow candidates is still scored fully, and the loop ranks all
 * full-split scores as usual. With fewer than k incumbents and no threshold there is no bar, and
 * every candidate is scored on the whole split in a single round.
 *
 * <h2>Concurrency</h2>
 * All scorer calls of a round start at once; the next round starts when all of them have
 * completed. If a scorer call fails, the returned future fails with it once the round's other
 * calls have settled, and no further round starts.
 *
 * <h2>Use from the OPRO loop</h2>
 * <pre>{@code
 * Racing racing = Racing.forStrategy(config.evaluation(), RacingSettings.defaults()
 *         .withK(config.maxNumInstructions())
 *         .withScoreThreshold(config.oldInstructionScoreThreshold()));
 * List<Incumbent> topK = history.topK(k).stream()
 *         .map(h -> new Incumbent(h.instruction(), h.perExampleCorrect()))
 *         .toList();
 * ExampleScorer scorer = (instruction, exampleIndex) -> {
 *     Example example = train.get(exampleIndex);
 *     String prompt = formatter.format(instruction, example.question());
 *     return scorerModel.chat(ChatRequest.ofUser(prompt))
 *             .thenApply(response -> grader.grade(response.text(), example.target(), settings).correct());
 * };
 * RacingResult result = racing.race(candidates, topK,
 *         ExampleOrder.forStep(train.size(), runSeed, step), scorer).join();
 * for (CandidateOutcome c : result.survivors()) {
 *     history.add(c.instruction(), c.accuracy().getAsDouble(), step, c.fullResults());
 * }
 * // result.dropped(): record them (partial results, scorerCalls) but never show them.
 * }</pre>
 */
public final class Racing {

    private final RacingSettings settings;

    public Racing(RacingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The evaluator for a run's {@code --evaluation} choice: {@link EvaluationStrategy#FULL} scores
     * every candidate on the whole split in one round, whatever the settings' schedule.
     */
    public static Racing forStrategy(EvaluationStrategy strategy, RacingSettings settings) {
        return switch (strategy) {
            case FULL -> new Racing(settings.withSchedule(BatchSchedule.fullSplit()));
            case RACING -> new Racing(settings);
        };
    }

    public RacingSettings settings() {
        return settings;
    }

    /**
     * Races one step's candidates.
     *
     * @param candidates the step's new instructions (deduplicated by the caller)
     * @param incumbents the scored instructions competing for the meta-prompt, with full-split
     *                   results on the same split as {@code order}; any order, fewer than k allowed
     * @param order      the step's example order, shared by all candidates
     * @param scorer     scores one (instruction, example index)
     * @return completes when every candidate is dropped or fully scored
     */
    public CompletableFuture<RacingResult> race(List<String> candidates, List<Incumbent> incumbents,
                                                ExampleOrder order, ExampleScorer scorer) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(incumbents, "incumbents");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(scorer, "scorer");
        int splitSize = order.size();
        for (Incumbent incumbent : incumbents) {
            if (incumbent.splitSize() != splitSize) {
                throw new IllegalArgumentException("incumbent '" + incumbent.instruction() + "' has results on "
                        + incumbent.splitSize() + " examples, the example order has " + splitSize);
            }
        }
        Bar bar = Bar.of(incumbents, settings.k(), settings.scoreThreshold());
        List<Integer> sizes = bar.canDrop() ? settings.schedule().sizesFor(splitSize) : List.of(splitSize);
        List<CandidateRace> races = new ArrayList<>();
        for (String candidate : candidates) {
            Objects.requireNonNull(candidate, "candidate");
            races.add(new CandidateRace(candidate,
                    BarTest.create(settings.bound(), bar, splitSize, settings.delta(), sizes.size() - 1)));
        }
        return runRound(0, sizes, races, order, scorer).thenApply(done ->
                new RacingResult(races.stream().map(CandidateRace::outcome).toList(), bar, sizes));
    }

    private CompletableFuture<Void> runRound(int round, List<Integer> sizes, List<CandidateRace> races,
                                             ExampleOrder order, ExampleScorer scorer) {
        List<CandidateRace> running = races.stream().filter(CandidateRace::running).toList();
        if (round == sizes.size() || running.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int from = round == 0 ? 0 : sizes.get(round - 1);
        int to = sizes.get(round);
        List<CompletableFuture<List<ExampleResult>>> rounds = new ArrayList<>();
        for (CandidateRace race : running) {
            rounds.add(scoreStretch(race.instruction(), from, to, order, scorer));
        }
        boolean lastRound = round == sizes.size() - 1;
        return CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            for (int i = 0; i < running.size(); i++) {
                CandidateRace race = running.get(i);
                race.record(rounds.get(i).join());
                // After the last round the accuracy is exact and is reported, never a drop.
                if (!lastRound) {
                    race.judgeAfter(round);
                }
            }
            return runRound(round + 1, sizes, races, order, scorer);
        });
    }

    /** Starts every call for positions {@code [from, to)} of the order; results come back in order. */
    private static CompletableFuture<List<ExampleResult>> scoreStretch(String instruction, int from, int to,
                                                                      ExampleOrder order, ExampleScorer scorer) {
        List<CompletableFuture<ExampleResult>> calls = new ArrayList<>(to - from);
        for (int position = from; position < to; position++) {
            int exampleIndex = order.exampleAt(position);
            CompletableFuture<Boolean> call;
            try {
                call = Objects.requireNonNull(scorer.score(instruction, exampleIndex),
                        "scorer returned no future for example " + exampleIndex);
            } catch (RuntimeException e) {
                // A scorer that throws instead of failing its future still fails only the race's future.
                call = CompletableFuture.failedFuture(e);
            }
            calls.add(call.thenApply(correct -> new ExampleResult(exampleIndex,
                    Objects.requireNonNull(correct, "scorer completed with null for example " + exampleIndex))));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }
}
