package io.llmopt.opro.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.stats.ConfidenceInterval;
import io.llmopt.core.stats.WilsonInterval;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.LlmExampleScorer;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.TaskGrading;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer against the simulated server with two scorer models and two data sets whose answers
 * are scripted, so every cell's counts, interval and McNemar table are known in advance.
 */
@ExtendWith(SimulatedLlmExtension.class)
class TransferEvaluatorTest {

    private static final List<String> INSTRUCTIONS = List.of("", "Let's add carefully.", "Be brief.");

    @TempDir
    Path dir;

    /**
     * "strong" is right on even numbers, and on all of them when the prompt says "add"; "weak" is
     * right on odd numbers without "add" and on even ones with it.
     */
    private static String answer(SimRequest request, int sample) {
        String prompt = request.lastUserMessage();
        Matcher m = Pattern.compile("What is (\\d+) (plus|times)").matcher(prompt);
        if (!m.find()) {
            return "?";
        }
        int n = Integer.parseInt(m.group(1));
        int right = m.group(2).equals("plus") ? 2 * n : 3 * n;
        boolean add = prompt.contains("add");
        boolean correct = request.model().equals("strong") ? add || n % 2 == 0 : (n % 2 == 1) != add;
        return "The answer is " + (correct ? right : right + 1) + ".";
    }

    private static List<Example> sums(int count) {
        List<Example> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Example.of("sums", "sums", i, "What is " + i + " plus " + i + "?", String.valueOf(2 * i)));
        }
        return out;
    }

    private static List<Example> triples(int count) {
        List<Example> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Example.of("triples", "triples", i, "What is " + i + " times 3?", String.valueOf(3 * i)));
        }
        return out;
    }

    private static LanguageModel model(SimulatedLlmServer sim, String name) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), name).provider("sim").requestTimeout(Duration.ofSeconds(20)).build();
    }

    private static List<TransferColumn> columns(LanguageModel strong, LanguageModel weak) {
        PromptOptimizationConfig config = PromptOptimizationConfig.reference();
        TaskGrading grading = TaskGrading.forDataset("gsm8k");
        List<TransferColumn> columns = new ArrayList<>();
        for (LanguageModel model : List.of(strong, weak)) {
            String name = model == strong ? "strong" : "weak";
            columns.add(new TransferColumn(name, "sums", Split.TEST, sums(20), LlmExampleScorer.of(model, config, grading)));
            columns.add(new TransferColumn(name, "triples", Split.TEST, triples(10), LlmExampleScorer.of(model, config, grading)));
        }
        return columns;
    }

    private static TransferEvaluator evaluator(RunStore store, String runId, java.util.function.BooleanSupplier stop) {
        RunContext context = RunContext.of(store, runId);
        return new TransferEvaluator(stop == null ? context : context.withStop(stop), 7);
    }

    @Test
    void everyCellHasItsAccuracyIntervalAndPairedTestAgainstTheBaseline(SimulatedLlmServer sim) {
        sim.reply(TransferEvaluatorTest::answer);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"));
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            String runId = store.createRun("opro-transfer", "t", null).id();
            TransferMatrix matrix = evaluator(store, runId, null).evaluate(INSTRUCTIONS, columns(strong, weak));

            assertThat(matrix.columns()).extracting(TransferMatrix.Column::title)
                    .containsExactly("strong · sums", "strong · triples", "weak · sums", "weak · triples");
            assertThat(matrix.cells()).hasSize(12);
            assertThat(sim.requestCount()).isEqualTo(3 * (20 + 10) * 2);

            // strong on sums: the baseline gets the 10 even numbers, "add" all 20
            TransferCell base = matrix.cell(0, 0);
            assertThat(base.correct()).isEqualTo(10);
            assertThat(base.examples()).isEqualTo(20);
            assertThat(base.isBaseline()).isTrue();
            ConfidenceInterval ci = WilsonInterval.of(10, 20);
            assertThat(base.lower()).isCloseTo(ci.lower(), within(1e-12));
            assertThat(base.upper()).isCloseTo(ci.upper(), within(1e-12));
            assertThat(base.lower()).isCloseTo(0.2993, within(1e-4)); // Wilson 10/20, by hand
            TransferCell add = matrix.cell(1, 0);
            assertThat(add.accuracy()).isEqualTo(1.0);
            assertThat(add.difference()).isCloseTo(0.5, within(1e-12));
            // McNemar table: b = 0 only the baseline right, c = 10 only "add" right: p = 2 * 0.5^10
            assertThat(add.onlyBaselineCorrect()).isZero();
            assertThat(add.onlyInstructionCorrect()).isEqualTo(10);
            assertThat(add.pValue()).isCloseTo(0.001953125, within(1e-12));
            // strong on triples: b = 0, c = 5: p = 2 * 0.5^5
            assertThat(matrix.cell(1, 1).pValue()).isCloseTo(0.0625, within(1e-12));
            // weak on sums: "add" flips every answer: 10 discordant each way, p = 1
            TransferCell flipped = matrix.cell(1, 2);
            assertThat(flipped.accuracy()).isEqualTo(0.5);
            assertThat(flipped.onlyBaselineCorrect()).isEqualTo(10);
            assertThat(flipped.onlyInstructionCorrect()).isEqualTo(10);
            assertThat(flipped.pValue()).isEqualTo(1.0);
            TransferCell same = matrix.cell(2, 2);
            assertThat(same.difference()).isZero();
            assertThat(same.pValue()).isEqualTo(1.0);

            // the best per column: "add" for the strong model; a three-way tie for the weak one goes to the first listed
            assertThat(matrix.best(0).orElseThrow().instruction()).isEqualTo(1);
            assertThat(matrix.best(1).orElseThrow().instruction()).isEqualTo(1);
            assertThat(matrix.best(2).orElseThrow().instruction()).isEqualTo(0);
        }
    }

    @Test
    void aStoppedTransferResumesWithoutRepeatingAStoredCall(SimulatedLlmServer sim) {
        sim.reply(TransferEvaluatorTest::answer);
        Path file = dir.resolve("runs.db");
        String runId;
        TransferMatrix whole;
        try (RunStore store = RunStore.open(dir.resolve("whole.db"));
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            whole = evaluator(store, store.createRun("opro-transfer", "t", null).id(), null)
                    .evaluate(INSTRUCTIONS, columns(strong, weak));
        }
        sim.clear();

        AtomicInteger asked = new AtomicInteger();
        try (RunStore store = RunStore.open(file);
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            runId = store.createRun("opro-transfer", "t", null).id();
            // a Ctrl-C once the first column is scored
            TransferMatrix stopped = evaluator(store, runId, () -> asked.getAndIncrement() > 0)
                    .evaluate(INSTRUCTIONS, columns(strong, weak));
            assertThat(stopped).isNull();
        }
        assertThat(sim.requestCount()).isEqualTo(3 * 20);
        sim.clear();

        try (RunStore store = RunStore.open(file);
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            TransferMatrix resumed = evaluator(store, runId, null).evaluate(INSTRUCTIONS, columns(strong, weak));
            assertThat(sim.requestCount()).as("only the columns not scored before").isEqualTo(3 * (10 + 20 + 10));
            assertThat(resumed.toJson()).isEqualTo(whole.toJson());
        }
        sim.clear();

        try (RunStore store = RunStore.open(file);
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            evaluator(store, runId, null).evaluate(INSTRUCTIONS, columns(strong, weak));
            assertThat(sim.requestCount()).as("a finished transfer run again: nothing to pay").isZero();
        }
    }

    @Test
    void theMatrixExportsAsOneCsvRowPerCellAndReadsBackFromItsJson(SimulatedLlmServer sim) throws Exception {
        sim.reply(TransferEvaluatorTest::answer);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"));
             LanguageModel strong = model(sim, "strong"); LanguageModel weak = model(sim, "weak")) {
            List<String> instructions = List.of("", "=add, \"carefully\"");
            TransferMatrix matrix = evaluator(store, store.createRun("opro-transfer", "t", null).id(), null)
                    .evaluate(instructions, columns(strong, weak).subList(0, 2));

            String csv = TransferExport.csv(matrix);
            List<String> lines = csv.lines().toList();
            assertThat(lines).hasSize(1 + 2 * 2);
            assertThat(lines.get(0)).isEqualTo(String.join(",", TransferExport.CSV_COLUMNS));
            assertThat(lines.get(1)).startsWith("0,\"\",strong,sums,test,20,10,0.5,").endsWith(",,,,,false");
            // an instruction with a comma and quotes is quoted, and one a spreadsheet would run is made inert
            assertThat(lines.get(2)).startsWith("1,\"'=add, \"\"carefully\"\"\",strong,sums,test,20,");
            assertThat(lines.get(2)).endsWith(",true");

            List<Path> files = TransferExport.write(matrix, dir.resolve("out"));
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("transfer.csv", "transfer.json");
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.get(1).toFile());
            assertThat(json.path("columns").get(1).path("dataset").asText()).isEqualTo("triples");
            assertThat(json.path("cells")).hasSize(4);
            assertThat(json.path("cells").get(0).has("p_value")).isFalse();
            assertThat(json.path("cells").get(1).path("p_value").asDouble()).isCloseTo(0.001953125, within(1e-12));
            assertThat(json.path("best").get(0).asInt()).isEqualTo(1);
            assertThat(TransferMatrix.fromJson(json)).isEqualTo(matrix);
        }
    }
}
