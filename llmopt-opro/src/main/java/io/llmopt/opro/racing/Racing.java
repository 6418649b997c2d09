package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Racing evaluation of one OPRO step's candidates: score each on a shared random order of the
 * training examples, and stop scoring a candidate as soon as a statistical test shows that its
 * full-split accuracy falls short of the {@link Bar} (the k-th best incumbent's score or the score
 * threshold, whichever is higher), since such a candidate can never appear in the meta-prompt.
 * Candidates that are not dropped are scored on the whole split, so every score the meta-prompt
 * shows is still a full-split accuracy.
 *
 * <h2>The guarantee</h2>
 * Fix the candidates' per-example results (whatever the scorer answers) and let the example order
 * be uniformly random and independent of them ({@link ExampleOrder#forStep}). Then, for each
 * candidate whose full-split accuracy is at least the bar, <strong>the probability that racing
 * drops it is at most {@code delta}</strong>. A candidate below the bar may or may not be dropped;
 * dropping it never changes the meta-prompt. The bound is reached only by candidates tied with
 * the bar; one that beats it by a few points is dropped far less often (docs/racing.md has the
 * measured curve).
 * <ul>
 *   <li>{@link DropBound#BETTING} is anytime-valid (Ville's inequality), so it looks after every
 *       example and {@code delta} holds over all looks without a union bound; the comparison is
 *       paired with the bar incumbent's results on the same examples.</li>
 *   <li>{@link DropBound#HOEFFDING} looks only at {@link RacingSettings#looks()} and spends
 *       {@code delta / L} at each of its {@code L} looks (a union bound).</li>
 * </ul>
 * Each candidate is compared with a single bar, so there is no union over comparisons per
 * candidate; the expected number of wrongly dropped candidates in a step is at most {@code delta}
 * times the number that reach the bar. With fewer than k incumbents and no threshold
 * there is no bar, and every candidate is scored on the whole split.
 *
 * <h2>Calls</h2>
 * Candidates race independently and at once; nothing waits for a round. The step keeps up to
 * {@link RacingSettings#maxInFlight()} calls in flight, shared by the candidates still running
 * ({@link RaceWindow}), and a candidate's results reach its test strictly in the racing order. A
 * dropped candidate's calls already in flight still complete (they are paid for) but are not
 * looked at. Decisions depend only on the results, never on timing, so a resumed step that gets
 * stored results back instantly decides exactly as the first attempt did. If a scorer call fails,
 * no further call starts and the returned future fails with it once the calls in flight have
 * settled.
 *
 * <h2>Use from the OPRO loop</h2>
 * <pre>{@code
 * Racing racing = Racing.forStrategy(config.evaluation(), config.racingSettings());
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
    private final boolean dropping;

    public Racing(RacingSettings settings) {
        this(settings, true);
    }

    private Racing(RacingSettings settings, boolean dropping) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dropping = dropping;
    }

    /**
     * The evaluator for a run's {@code --evaluation} choice: {@link EvaluationStrategy#FULL} scores
     * every candidate on the whole split, starting all calls at once, whatever the settings say.
     */
    public static Racing forStrategy(EvaluationStrategy strategy, RacingSettings settings) {
        return switch (strategy) {
            case FULL -> new Racing(settings, false);
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
                                                ExampleOrder order, RacingScorer scorer) {
        return race(candidates, incumbents, order, scorer, RaceListener.NONE);
    }

    /** As {@link #race(List, List, ExampleOrder, RacingScorer)}, telling {@code listener} of each drop as it happens. */
    public CompletableFuture<RacingResult> race(List<String> candidates, List<Incumbent> incumbents,
                                                ExampleOrder order, RacingScorer scorer, RaceListener listener) {
        Objects.requireNonNull(listener, "listener");
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
        Bar bar = dropping ? Bar.of(incumbents, settings.k(), settings.scoreThreshold()) : Bar.NONE;
        // Without a bar nothing can be dropped, so nothing is saved by holding calls back.
        RaceWindow window = new RaceWindow(bar.canDrop() ? settings.maxInFlight() : Integer.MAX_VALUE, candidates.size());
        List<CandidateRace> races = new ArrayList<>();
        for (String candidate : candidates) {
            Objects.requireNonNull(candidate, "candidate");
            races.add(new CandidateRace(candidate, order, scorer, BarCheck.create(settings, bar, splitSize), window,
                    listener));
            window.enter();
        }
        List<CompletableFuture<CandidateOutcome>> outcomes = races.stream().map(CandidateRace::start).toList();
        CompletableFuture<RacingResult> result = new CompletableFuture<>();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error == null) {
                result.complete(new RacingResult(outcomes.stream().map(CompletableFuture::join).toList(), bar));
            } else {
                // Report the call that failed, not the candidates it stopped.
                result.completeExceptionally(outcomes.stream()
                        .filter(CompletableFuture::isCompletedExceptionally)
                        .map(CompletableFuture::exceptionNow)
                        .filter(e -> !(e instanceof CandidateRace.Aborted))
                        .findFirst().orElse(error));
            }
        });
        return result;
    }
}
