package io.llmopt.opro.prompt;

import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts scoring a step's new instruction the moment its optimizer sample arrives, before the
 * samples ahead of it in order have arrived.
 *
 * <p>Screening runs in sample order so that which of two equal texts is the duplicate never
 * depends on timing; that order would hold back the scoring of sample 5 until samples 0 to 4 have
 * arrived. But whether a text will be kept does not depend on the order: it is kept (as the first
 * sample showing it) exactly when it passes the filters and was not seen before the step. So a
 * keepable text starts scoring at once, keyed by the text; the kept candidate that turns out to
 * carry it, when screening reaches it, gives the scoring its id, and only then are the results
 * recorded. One scoring per text, whichever sample shows it first.
 */
final class EagerTrainScoring {

    private record Entry(CompletableFuture<Long> id, CompletableFuture<CandidateScore> score) {
    }

    private final RecordingScorer scorer;
    private final List<Example> train;
    private final Runnable onExampleDone;
    private final Set<String> seenBeforeStep;
    private final Map<String, Entry> byText = new ConcurrentHashMap<>();

    EagerTrainScoring(RecordingScorer scorer, List<Example> train, Runnable onExampleDone, Set<String> seenBeforeStep) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.train = List.copyOf(train);
        this.onExampleDone = Objects.requireNonNull(onExampleDone, "onExampleDone");
        this.seenBeforeStep = Set.copyOf(seenBeforeStep);
    }

    /** Starts scoring {@code text}, which passes the filters, if screening is bound to keep it: unseen before the step. */
    void offer(String text) {
        if (!seenBeforeStep.contains(text)) {
            byText.computeIfAbsent(text, this::begin);
        }
    }

    /** The training score of kept candidate {@code c}, sharing a scoring already started for its text. */
    CompletableFuture<CandidateScore> scoreOf(PromptCandidate c) {
        Entry entry = byText.computeIfAbsent(c.instruction(), this::begin);
        entry.id().complete(c.id());
        return entry.score();
    }

    private Entry begin(String text) {
        CompletableFuture<Long> id = new CompletableFuture<>();
        return new Entry(id, scorer.scoreBeforeId(id, text, Split.TRAIN, train, onExampleDone));
    }
}
