package io.llmopt.opro.prompt;

import io.llmopt.core.store.CandidateStatus;
import io.llmopt.opro.meta.CandidateExtractor;
import io.llmopt.opro.meta.CandidateScreening;
import io.llmopt.opro.meta.DropReason;
import io.llmopt.opro.meta.InstructionPolisher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an optimizer output becomes a candidate: extraction, polishing, screening (filters and
 * duplicates of every text seen so far in the run). Holds the seen texts; screening happens in
 * sample order, so which of two equal texts is the duplicate never depends on timing.
 */
final class CandidateIntake {

    private final CandidateExtractor extractor;
    private final boolean forbidDigits;
    private Set<String> seen = new LinkedHashSet<>();

    CandidateIntake(CandidateExtractor extractor, boolean forbidDigits) {
        this.extractor = extractor;
        this.forbidDigits = forbidDigits;
    }

    /** The instructions seen so far: initial ones, replayed ones and every screened text. */
    synchronized Set<String> seen() {
        return Set.copyOf(seen);
    }

    /** Marks an instruction seen without screening it (an initial one, or one an earlier attempt recorded). */
    synchronized void see(String instruction) {
        seen.add(instruction);
    }

    /**
     * The instruction an output carries when it passes the filters, whether or not it was seen
     * before; null otherwise. Screening nothing, it may run before the outputs ahead in order.
     */
    String passingFilters(String raw) {
        Verdict v = examine(raw, Set.of());
        return v.status() == CandidateStatus.KEPT ? v.text() : null;
    }

    /** Screens one output in sample order: the candidate, kept or dropped with the reason. */
    synchronized PromptCandidate screen(long id, int step, String raw) {
        Verdict v = examine(raw, seen);
        seen = new LinkedHashSet<>(v.nowSeen());
        return new PromptCandidate(id, step, v.text(), raw, v.status(), v.reason(), null, null, null, null);
    }

    private Verdict examine(String raw, Set<String> seenSoFar) {
        List<String> extracted = extractor.extract(raw);
        if (extracted.isEmpty()) {
            return new Verdict("", CandidateStatus.EMPTY, "no instruction found in the output", seenSoFar);
        }
        String text = InstructionPolisher.polish(extracted.get(0));
        CandidateScreening screening = CandidateScreening.screen(List.of(text), seenSoFar, forbidDigits);
        if (!screening.accepted().isEmpty()) {
            return new Verdict(text, CandidateStatus.KEPT, null, screening.nowSeen());
        }
        DropReason reason = screening.rejected().get(0).reason();
        CandidateStatus status = reason == DropReason.ALREADY_EVALUATED ? CandidateStatus.DUPLICATE
                : CandidateStatus.FILTERED;
        return new Verdict(text, status, reason.name().toLowerCase(Locale.ROOT), screening.nowSeen());
    }

    private record Verdict(String text, CandidateStatus status, String reason, Set<String> nowSeen) {
    }
}
