package io.llmopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.report.payload.BpoPair;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.stats.WinTieLose;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.util.List;
import java.util.Optional;

/**
 * A run's best result in a few characters, for {@code runs list} and the report header: the best
 * instruction's accuracy (on the test split when scored there), the best numeric value, or the
 * rewritten prompts' win rate.
 */
public final class RunHeadline {

    private RunHeadline() {
    }

    public static String of(RunStore store, RunRecord run) {
        String kind = run.kind();
        if (RunKinds.OPRO_PROMPT.equals(kind)) {
            List<CandidateRecord> best = CandidateRanking.best(store.candidates(run.id()), 1);
            if (!best.isEmpty()) {
                return oproHeadline(best.get(0));
            }
        } else if (RunKinds.OPRO_SWEEP.equals(kind)) {
            SweepReadout sweep = SweepReadout.read(store, run.id());
            long runs = sweep.members().size();
            long done = sweep.members().stream().filter(SweepReadout.Member::completed).count();
            return sweep.settings().size() + " settings, " + done + "/" + runs + " runs completed";
        } else if (RunKinds.isNumeric(kind)) {
            Double best = NumericBest.of(store, run);
            if (best != null) {
                return Format.number(best);
            }
        } else if (RunKinds.OPRO_TRANSFER.equals(kind)) {
            Optional<String> transfer = transferHeadline(run.summaryJson());
            if (transfer.isPresent()) {
                return transfer.get();
            }
        } else if (RunKinds.isBpo(kind)) {
            Optional<String> bpo = bpoHeadline(store, run);
            if (bpo.isPresent()) {
                return bpo.get();
            }
        }
        return summaryScore(run.summaryJson()).map(Format::number).orElse("–");
    }

    static String oproHeadline(CandidateRecord c) {
        if (c.testScore() != null) {
            return Format.percent(c.testScore()) + " test";
        }
        if (c.validationScore() != null) {
            return Format.percent(c.validationScore()) + " val";
        }
        return Format.percent(c.trainScore()) + " train";
    }

    private static Optional<String> bpoHeadline(RunStore store, RunRecord run) {
        List<BpoJudgement> judgements = store.workItems(run.id(), BpoJudgement.KIND).stream()
                .filter(i -> i.payloadJson() != null).map(BpoJudgement::from).toList();
        if (!judgements.isEmpty()) {
            WinTieLose w = BpoSections.countsByCategory(judgements).get(BpoSections.ALL);
            return Optional.of("win " + Format.percent(w.winRate().rate()) + " / lose " + Format.percent(w.loseRate().rate()));
        }
        List<BpoPair> pairs = store.workItems(run.id(), BpoPair.KIND).stream()
                .filter(i -> i.payloadJson() != null).map(BpoPair::from).toList();
        if (!pairs.isEmpty()) {
            return Optional.of(pairs.stream().filter(BpoPair::kept).count() + "/" + pairs.size() + " pairs kept");
        }
        return Optional.empty();
    }

    /** "3 instructions × 4 columns; best: 1 in 3, B in 1". */
    private static Optional<String> transferHeadline(String summaryJson) {
        JsonNode s = summaryJson == null ? null : ReportJson.tree(summaryJson);
        JsonNode m = s == null ? null : s.get("transfer");
        if (m == null || !m.path("best").isArray()) {
            return Optional.empty();
        }
        java.util.Map<String, Integer> wins = new java.util.TreeMap<>();
        m.path("best").forEach(b -> {
            if (!b.isNull()) {
                wins.merge(TransferSections.label(b.asInt()), 1, Integer::sum);
            }
        });
        StringBuilder best = new StringBuilder();
        wins.forEach((label, n) -> best.append(best.isEmpty() ? "" : ", ").append(label).append(" in ").append(n));
        return Optional.of(m.path("instructions").size() + " instructions × " + m.path("columns").size()
                + " columns; best: " + best);
    }

    private static Optional<Double> summaryScore(String summaryJson) {
        try {
            JsonNode s = ReportJson.tree(summaryJson);
            if (s == null) {
                return Optional.empty();
            }
            for (String field : new String[] {"best_score", "best_value"}) {
                if (s.path(field).isNumber()) {
                    return Optional.of(s.get(field).asDouble());
                }
            }
        } catch (IllegalArgumentException e) {
            // a malformed summary has no headline; the list must still show the run
        }
        return Optional.empty();
    }
}
