package io.llmopt.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.llm.LlmException;
import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.report.payload.BpoPair;
import io.llmopt.report.payload.NumericEvaluation;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.EventLevel;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.core.store.WorkItem;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Realistic runs written into a store the way producers write them, for report and CLI tests.
 * Model text carries {@code <script>} tags to prove the reports escape it. Seeded: every call
 * fills the same data.
 */
public final class SampleRuns {

    public static final String SCRIPT = "<script>alert('x')</script>";
    public static final String EVIL_INSTRUCTION = "Solve it carefully " + SCRIPT + " and answer.";
    public static final int TRAIN = 40;
    public static final int VALIDATION = 20;
    public static final int TEST = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private SampleRuns() {
    }

    /**
     * An OPRO prompt run on a GSM8K-like set: step 0 holds the baseline, then 5 steps of 4 candidates
     * that get better; every kept candidate has per-example results on train, the first and the last
     * of each step on validation and test (the same test example ids throughout).
     */
    /**
     * An opro-sweep of two settings with two repetitions each, every run an {@link #oproPrompt}
     * tagged with the sweep (work items as the sweep runner records them); returns the sweep's id.
     */
    public static String oproSweep(RunStore store) {
        String sweep = store.createRun(RunKinds.OPRO_SWEEP, "per step", JSON.createObjectNode().put("dataset", "gsm8k")).id();
        String[] labels = {"candidates_per_step=2", "candidates_per_step=8"};
        for (int setting = 0; setting < 2; setting++) {
            for (int rep = 0; rep < 2; rep++) {
                String run = oproPrompt(store, "per step · " + labels[setting] + " · seed " + rep, 0.4 + 0.15 * setting + 0.03 * rep);
                ObjectNode payload = JSON.createObjectNode().put("run_id", run).put("setting", setting)
                        .put("label", labels[setting]).put("repetition", rep);
                payload.putObject("values").put("candidates_per_step", setting == 0 ? 2 : 8);
                store.recordWorkItem(WorkItem.done(sweep, RunKinds.OPRO_SWEEP_CELL_ITEM,
                        String.format(java.util.Locale.ROOT, "s%02d-r%d", setting, rep), payload.toString()));
            }
        }
        store.updateStatus(sweep, RunStatus.RUNNING);
        store.updateStatus(sweep, RunStatus.COMPLETED);
        store.flush();
        return sweep;
    }

    public static String oproPrompt(RunStore store, String name, double skill) {
        ObjectNode config = JSON.createObjectNode().put("dataset", "gsm8k").put("instruction_position", "Q_begin")
                .put("steps", 5).put("api_key", "sk-secret-value-123");
        String run = store.createRun(RunKinds.OPRO_PROMPT, name, config).id();
        store.updateStatus(run, RunStatus.RUNNING);
        Random random = new Random(name.hashCode());
        String[][] texts = {
            {"Let's think step by step."},
            {"Think about the problem.", "Solve the math problem.", "Answer the question.", "Let's solve it."},
            {"Break the problem into parts.", "Work backwards from the question.", "Read carefully, then compute.", "Let's solve it."},
            {"Take a deep breath and work on this problem step-by-step.", "Compute each quantity first.",
                "Write the equations, then solve.", "Double-check the arithmetic."},
            {"List the known values, then compute step by step.", "Restate the question, then solve.",
                "Be precise with units.", "Check each step."},
            {"Take a deep breath, list the known values and solve step by step.", "Verify your answer.",
                "Think like a teacher.", EVIL_INSTRUCTION},
        };
        for (int step = 0; step < texts.length; step++) {
            store.recordStep(new StepRecord(run, step, step == 0 ? null : "Your task is to write a new instruction.\n"
                    + "text: " + texts[step - 1][0] + "\nscore: " + (50 + step * 5) + "\n" + SCRIPT + "\n<INS>",
                    T0.plusSeconds(step * 60L), T0.plusSeconds(step * 60L + 50)));
            for (int k = 0; k < texts[step].length; k++) {
                long id = store.nextCandidateId(run);
                boolean duplicate = step == 2 && k == 3;
                store.recordCandidate(CandidateRecord.proposed(run, id, step, texts[step][k], "<INS>" + texts[step][k] + "</INS>",
                        duplicate ? CandidateStatus.DUPLICATE : CandidateStatus.KEPT, duplicate ? "same as an earlier one" : null));
                if (duplicate) {
                    continue;
                }
                double p = Math.min(0.95, skill + 0.05 * step + 0.02 * k - (step == 0 ? 0.1 : 0));
                score(store, run, id, Split.TRAIN, TRAIN, p, random);
                if (k == 0 || k == 3) {
                    score(store, run, id, Split.VALIDATION, VALIDATION, p, random);
                    score(store, run, id, Split.TEST, TEST, p, random);
                }
            }
        }
        for (int i = 0; i < 30; i++) {
            // a server answering in 1 ms behind a busy slot: 419 ms of each call is queueing
            store.recordCall(run, new LlmCallRecord("scorer", "openai:gpt-3.5-turbo", "h" + i, 1, 200, 40, 0.0003, 420, i % 5 == 0,
                    null, T0.plusSeconds(i), i % 5 == 0 ? null : 1L, i % 5 == 0 ? null : 419L));
        }
        for (int i = 0; i < 5; i++) {
            store.recordCall(run, new LlmCallRecord("optimizer", "openai:gpt-4", "o" + i, 8, 1500, 400, 0.021, 5200, false,
                    i == 4 ? LlmException.Kind.TIMEOUT : null, T0.plusSeconds(100 + i)));
        }
        store.recordEvent(new EventRecord(run, T0.plusSeconds(200), EventLevel.WARN, "retry", "rate limited " + SCRIPT, null));
        store.flush();
        store.updateStatus(run, RunStatus.COMPLETED);
        return run;
    }

    /**
     * Two provider batch jobs of the scorer as the runtime records them: one that ended (2,088
     * requests, 3.2 s, $0.21 at the batch price, $0.21 saved), and one followed again after a
     * restart and still running.
     */
    public static void batchJobs(RunStore store, String run) {
        store.recordEvent(new EventRecord(run, T0.plusSeconds(10), EventLevel.INFO, "batch.submitted",
                "models.scorer: submitted batch batch_a1 (2,088 requests)",
                "{\"model\":\"scorer\",\"batch_id\":\"batch_a1\",\"requests\":2088,\"resumed\":false}"));
        store.recordEvent(new EventRecord(run, T0.plusSeconds(14), EventLevel.INFO, "batch.ended",
                "models.scorer: batch batch_a1 completed in 3.2 s",
                "{\"model\":\"scorer\",\"batch_id\":\"batch_a1\",\"status\":\"completed\",\"requests\":2088,"
                        + "\"succeeded\":2088,\"unfinished\":0,\"duration_ms\":3200,\"cost\":0.21,\"saved\":0.21}"));
        store.recordEvent(new EventRecord(run, T0.plusSeconds(20), EventLevel.INFO, "batch.submitted",
                "models.scorer: submitted batch batch_b2 (5,276 requests)",
                "{\"model\":\"scorer\",\"batch_id\":\"batch_b2\",\"requests\":5276,\"resumed\":false}"));
        store.recordEvent(new EventRecord(run, T0.plusSeconds(30), EventLevel.INFO, "batch.submitted",
                "models.scorer: following batch batch_b2 (5,276 requests)",
                "{\"model\":\"scorer\",\"batch_id\":\"batch_b2\",\"requests\":5276,\"resumed\":true}"));
        store.flush();
    }

    private static void score(RunStore store, String run, long candidate, Split split, int n, double p, Random random) {
        int correct = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = random.nextDouble() < p;
            correct += ok ? 1 : 0;
            boolean cut = !ok && i % 4 == 0; // a reply cut at max_tokens now and then
            store.recordExampleResult(new ExampleResult(run, candidate, split, split.wireName() + "-" + i, "ph",
                    ok ? "The answer is 42." : "I think " + SCRIPT, ok ? "42" : "7", ok, cut));
        }
        store.recordScore(run, candidate, split, (double) correct / n, null);
    }

    /** A linear regression run: (w, b) proposals getting closer to the true (3, 5). */
    public static String linreg(RunStore store) {
        String run = store.createRun(RunKinds.OPRO_LINREG, "linreg w=3 b=5", JSON.createObjectNode().put("w_true", 3).put("b_true", 5)).id();
        store.updateStatus(run, RunStatus.RUNNING);
        Random random = new Random(7);
        double best = Double.MAX_VALUE;
        for (int step = 0; step <= 12; step++) {
            for (int k = 0; k < 6; k++) {
                int spread = Math.max(1, 12 - step);
                int w = 3 + random.nextInt(2 * spread + 1) - spread;
                int b = 5 + random.nextInt(2 * spread + 1) - spread;
                double loss = 50.0 * ((w - 3) * (w - 3) + 0.1 * (b - 5) * (b - 5)) + 12.3;
                best = Math.min(best, loss);
                // [w, b], as OPRO's linear regression runs store a solution
                store.recordWorkItem(new NumericEvaluation(step, JSON.createArrayNode().add(w).add(b), loss, null)
                        .toWorkItem(run, step + ":" + w + "," + b));
            }
        }
        store.recordWorkItem(new NumericEvaluation(3, JSON.createObjectNode().put("w", 99).put("b", 1), null, "unparsable")
                .toWorkItem(run, "bad"));
        // the field names OPRO's runs write (NumericRunSummary): w_true, b_true
        store.updateSummary(run, JSON.createObjectNode().put("best_value", best).<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "best_solution", JSON.createArrayNode().add(3).add(5)).put("reference_value", 12.3)
                .put("reference_method", "least squares").put("w_true", 3).put("b_true", 5));
        store.recordCall(run, new LlmCallRecord("optimizer", "openai:gpt-4", "x", 8, 900, 300, 0.045, 3000, false, null, T0));
        store.flush();
        store.updateStatus(run, RunStatus.COMPLETED);
        return run;
    }

    /** A TSP run on 8 cities with a Held-Karp reference. */
    public static String tsp(RunStore store) {
        String run = store.createRun(RunKinds.OPRO_TSP, "tsp n=8", JSON.createObjectNode().put("cities", 8)).id();
        List<List<Double>> cities = List.of(List.of(0.0, 0.0), List.of(10.0, 2.0), List.of(12.0, 9.0), List.of(6.0, 14.0),
                List.of(-2.0, 11.0), List.of(-6.0, 5.0), List.of(3.0, 6.0), List.of(8.0, -4.0));
        double[] values = {70.1, 66.0, 61.2, 58.3, 55.0, 55.0};
        for (int step = 0; step < values.length; step++) {
            store.recordWorkItem(new NumericEvaluation(step, JSON.valueToTree(List.of(0, 7, 1, 2, 3, 4, 5, 6)), values[step], null)
                    .toWorkItem(run, "t" + step));
        }
        // the field names OPRO's TSP runs write (NumericRunSummary): points, best_tour
        com.fasterxml.jackson.databind.node.ObjectNode summary = JSON.createObjectNode().put("best_value", 55.0)
                .put("reference_value", 52.5).put("reference_method", "held-karp");
        summary.set("best_solution", JSON.valueToTree(List.of(0, 7, 1, 2, 3, 4, 5, 6)));
        summary.set("points", JSON.valueToTree(cities));
        summary.set("best_tour", JSON.valueToTree(List.of(0, 7, 1, 2, 3, 6, 4, 5)));
        store.updateSummary(run, summary);
        store.updateStatus(run, RunStatus.RUNNING);
        store.updateStatus(run, RunStatus.BUDGET_REACHED);
        return run;
    }

    /** A BPO evaluation with categories, 60 judged comparisons mostly won by the rewritten prompt. */
    public static String bpoEval(RunStore store) {
        String run = store.createRun(RunKinds.BPO_EVAL, "bpo dolly", JSON.createObjectNode().put("judge", "gpt-4")).id();
        store.updateStatus(run, RunStatus.RUNNING);
        String[] categories = {"coding", "writing", "math"};
        String[] outcomes = {"win", "win", "tie", "lose", "win", "invalid", "win", "tie", "win", "lose"};
        for (int i = 0; i < 60; i++) {
            String original = i == 0 ? "Tell me about " + SCRIPT : "Write a poem about the sea number " + i;
            String rewritten = i == 0 ? "Explain, in three short paragraphs, what " + SCRIPT + " does in a web page."
                    : "Write a vivid, rhyming poem of four stanzas about the sea number " + i + ", with imagery of waves.";
            store.recordWorkItem(new BpoJudgement(String.format("q%03d", i), categories[i % 3], original, rewritten,
                    outcomes[i % outcomes.length], "A response " + SCRIPT, "A better response", i % 4 != 0).toWorkItem(run));
        }
        store.recordCall(run, new LlmCallRecord("judge", "openai:gpt-4", "j", 1, 800, 20, 0.025, 1800, false, null, T0));
        store.recordCall(run, new LlmCallRecord("rewriter", "local:bpo-7b", "r", 1, 100, 80, 0, 900, false, null, T0));
        store.flush();
        store.updateStatus(run, RunStatus.COMPLETED);
        return run;
    }

    /** A BPO pair construction run: 10 pairs, 7 kept. */
    public static String bpoPairs(RunStore store) {
        String run = store.createRun(RunKinds.BPO_PAIRS, null, JSON.createObjectNode().put("source", "oasst1")).id();
        for (int i = 0; i < 10; i++) {
            boolean kept = i % 3 != 0 || i == 9;
            store.recordWorkItem(new BpoPair("p" + i, i % 2 == 0 ? "oasst1" : "hh-rlhf", "how do i sort a list " + i,
                    kept ? "Explain how to sort a list in Python " + i + ", with a short example." : null,
                    kept ? BpoPair.KEPT : BpoPair.FILTERED,
                    kept ? null : "word ratio too high")
                    .toWorkItem(run));
        }
        store.flush();
        return run;
    }

    /**
     * A finished transfer run: two instructions with two scorer models on one data set of 20
     * examples, its matrix in the summary as the run writes it (instruction 1 is right on all 20
     * with "strong", the baseline on 10; with "weak" both on 10).
     */
    public static String transfer(RunStore store) {
        String run = store.createRun(RunKinds.OPRO_TRANSFER, "transfer 2x1", JSON.createObjectNode()).id();
        com.fasterxml.jackson.databind.node.ObjectNode m = JSON.createObjectNode();
        m.putArray("instructions").add("").add("Let's add <carefully>.");
        com.fasterxml.jackson.databind.node.ArrayNode columns = m.putArray("columns");
        columns.addObject().put("model", "strong").put("dataset", "sums").put("split", "test").put("examples", 20);
        columns.addObject().put("model", "weak").put("dataset", "sums").put("split", "test").put("examples", 20);
        com.fasterxml.jackson.databind.node.ArrayNode cells = m.putArray("cells");
        transferCell(cells, 0, 0, 10, null);
        transferCell(cells, 1, 0, 20, new double[] {0.5, 0, 10, 0.001953125});
        transferCell(cells, 0, 1, 10, null);
        transferCell(cells, 1, 1, 10, new double[] {0, 10, 10, 1.0});
        m.putArray("best").add(1).add(0);
        store.updateSummary(run, JSON.createObjectNode().set("transfer", m));
        store.updateStatus(run, RunStatus.COMPLETED);
        return run;
    }

    private static void transferCell(com.fasterxml.jackson.databind.node.ArrayNode cells, int instruction, int column,
                                     int correct, double[] vs) {
        var ci = io.llmopt.core.stats.WilsonInterval.of(correct, 20);
        com.fasterxml.jackson.databind.node.ObjectNode c = cells.addObject().put("instruction", instruction)
                .put("column", column).put("accuracy", correct / 20.0).put("correct", correct).put("examples", 20)
                .put("ci_lower", ci.lower()).put("ci_upper", ci.upper());
        if (vs != null) {
            c.put("difference", vs[0]).put("only_baseline_correct", (long) vs[1]).put("only_instruction_correct", (long) vs[2])
                    .put("p_value", vs[3]);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
