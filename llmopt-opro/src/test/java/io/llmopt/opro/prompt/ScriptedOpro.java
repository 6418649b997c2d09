package io.llmopt.opro.prompt;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.opro.data.Dataset;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.data.DatasetSplit;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted OPRO world on the simulated server: the optimizer proposes instructions from a fixed
 * pool (chosen by the request's seed, so a step's samples differ and repeat across runs), and the
 * scorer answers correctly, half the time or never depending on the instruction, so some
 * instructions really score higher and the loop has something to find.
 */
final class ScriptedOpro {

    /** Scores 1.0: the scorer always answers right with it. */
    static final String BEST = "Let's think step by step.";
    /** Scores about 0.5. */
    static final String GOOD = "Think carefully about the problem.";

    static final List<String> POOL = List.of(
            "Solve the problem.",
            GOOD,
            "Answer in 3 words.",                  // a digit: dropped for GSM8K
            "Be concise.",
            BEST,
            "Solve the problem.",                  // a duplicate
            "Read the question.",
            "Use the INS tag.");                   // contains INS: dropped

    static final String META_PROMPT_MARK = "Your task is to generate the instruction";

    private final Map<String, String> targets = new HashMap<>();
    private final AtomicLong scorerCalls = new AtomicLong();
    private final AtomicLong optimizerCalls = new AtomicLong();
    private final java.util.Set<String> scorerPrompts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong repeatedScorerPrompts = new AtomicLong();

    /** Scripts {@code sim} for these examples. */
    ScriptedOpro(SimulatedLlmServer sim, List<Example> examples) {
        examples.forEach(e -> targets.put(e.question(), e.target()));
        sim.replyWhen(META_PROMPT_MARK, this::optimizerReply);
        sim.reply(this::scorerReply);
    }

    long scorerCalls() {
        return scorerCalls.get();
    }

    /** Scorer calls whose prompt (instruction + question) had been asked before. */
    long repeatedScorerPrompts() {
        return repeatedScorerPrompts.get();
    }

    long optimizerCalls() {
        return optimizerCalls.get();
    }

    private String optimizerReply(SimRequest request, int sample) {
        optimizerCalls.incrementAndGet();
        long seed = request.seed() == null ? sample : request.seed() + sample;
        String text = POOL.get((int) Math.floorMod(seed * 7 + 3, (long) POOL.size()));
        return "Here is a new one: <INS>" + text + "</INS>";
    }

    private String scorerReply(SimRequest request, int sample) {
        scorerCalls.incrementAndGet();
        String prompt = request.lastUserMessage();
        if (!scorerPrompts.add(prompt)) {
            repeatedScorerPrompts.incrementAndGet();
        }
        String instruction = "";
        String question = prompt;
        if (!targets.containsKey(prompt)) {
            int newline = prompt.indexOf('\n');
            instruction = prompt.substring(0, newline);
            question = prompt.substring(newline + 1);
        }
        String target = targets.get(question);
        if (target == null) {
            return "I do not know.";
        }
        boolean right = instruction.contains("step by step")
                || (instruction.contains("carefully") && Math.floorMod(question.hashCode(), 2) == 0);
        return "Working through it. So the answer is " + (right ? target : wrong(target)) + ".";
    }

    private static String wrong(String target) {
        return switch (target) {
            case "Yes" -> "No";
            case "No" -> "Yes";
            case "True" -> "False";
            case "False" -> "True";
            default -> {
                try {
                    yield Long.toString(Long.parseLong(target.replace(",", "").strip()) + 1);
                } catch (NumberFormatException e) {
                    yield "nothing";
                }
            }
        };
    }

    static LanguageModel model(SimulatedLlmServer sim) {
        return SimModels.builder(sim).build();
    }

    static Path oproData() {
        String shared = System.getProperty("llmopt.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property llmopt.shared.dir is not set (run the tests through Maven)");
        }
        return Path.of(shared, "data", "opro");
    }

    /** Examples split for a test: the data set's training, validation and test lists. */
    record Data(List<Example> train, List<Example> validation, List<Example> test) {
        List<Example> all() {
            List<Example> all = new java.util.ArrayList<>(train);
            all.addAll(validation);
            all.addAll(test);
            return all;
        }
    }

    /** The first 60 GSM8K training questions: 20 for training, 10 validation, 30 test (seed 0). */
    static Data gsm8k() {
        Dataset full = DatasetSource.defaults().withUserFolder(oproData()).gsm8k("train");
        Dataset small = new Dataset(full.name(), full.task(), full.examples().subList(0, 60));
        return split(small, SplitSpec.counts(20, 10, 0));
    }

    /** The first 25 examples of two BBH tasks, each split 8 training / 17 test. */
    static Data bbh() {
        Dataset full = DatasetSource.defaults().withUserFolder(oproData()).bbh(List.of("navigate", "boolean_expressions"));
        List<Example> small = new java.util.ArrayList<>();
        small.addAll(full.examples().stream().filter(e -> e.task().equals("navigate")).limit(25).toList());
        small.addAll(full.examples().stream().filter(e -> e.task().equals("boolean_expressions")).limit(25).toList());
        return split(new Dataset(full.name(), full.task(), small), SplitSpec.counts(8, 0, 0).withPerTask(true));
    }

    static Data split(Dataset dataset, SplitSpec spec) {
        DatasetSplit split = DatasetSplit.of(spec, dataset);
        return new Data(dataset.select(split.train()), dataset.select(split.validation()), dataset.select(split.test()));
    }

    /** A short search: 3 steps of 4 candidates, validation every 2 steps, best 2 tested. */
    static PromptOptimizationConfig.Builder quickConfig() {
        return PromptOptimizationConfig.reference().toBuilder()
                .steps(3).candidatesPerStep(4).evaluateEvery(2).finalTopK(2)
                .initialInstructions(List.of("", "Solve it."));
    }
}
