package io.llmopt.cli.opro;

import io.llmopt.opro.data.Dataset;
import io.llmopt.opro.data.DatasetDownloadException;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.data.MmluCategory;
import io.llmopt.opro.data.DatasetSplit;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.opro.data.UserDataFormat;
import io.llmopt.opro.data.UserDataLoader;
import io.llmopt.opro.grading.AnswerType;
import io.llmopt.opro.grading.BooleanWords;
import io.llmopt.opro.grading.GradingSettings;
import io.llmopt.opro.meta.MetaPromptConfig;
import io.llmopt.opro.prompt.TaskGrading;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which data set to use and how to split it: shared by {@code opro prompt} and {@code opro evaluate}. */
public final class DatasetOptions {

    private static final Set<String> BUILT_IN = Set.of("gsm8k", "bbh", "mmlu", "multiarith", "aqua");

    @Option(names = "--dataset", required = true, paramLabel = "NAME|FILE",
            description = "gsm8k, bbh, mmlu, multiarith, aqua, or a .jsonl/.csv file of your own.")
    String dataset;

    @Option(names = "--task", split = ",", paramLabel = "TASK",
            description = "BBH task(s), comma-separated (e.g. navigate,boolean_expressions).")
    List<String> tasks;

    @Option(names = "--subject", paramLabel = "SUBJECT", description = "MMLU subject (e.g. high_school_physics).")
    String subject;

    @Option(names = "--category", paramLabel = "CATEGORY", description = "MMLU category (STEM, humanities, social sciences, other).")
    String category;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder laid out as the OPRO repository's data folder (gsm_data/, BIG-Bench-Hard-data/, ...).")
    Path dataDir;

    @Option(names = "--field-question", defaultValue = "question", paramLabel = "FIELD",
            description = "Question field of your own file (default: ${DEFAULT-VALUE}).")
    String questionField;

    @Option(names = "--field-answer", defaultValue = "answer", paramLabel = "FIELD",
            description = "Answer field of your own file (default: ${DEFAULT-VALUE}).")
    String answerField;

    @Option(names = "--field-options", paramLabel = "FIELD", description = "Options field of your own multiple-choice file.")
    String optionsField;

    @Option(names = "--train-fraction", paramLabel = "F", description = "Share of the examples for training.")
    Double trainFraction;

    @Option(names = "--train-count", paramLabel = "N", description = "Number of training examples.")
    Integer trainCount;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Share of the examples for validation (default 0).")
    Double validationFraction;

    @Option(names = "--validation-count", paramLabel = "N", description = "Number of validation examples.")
    Integer validationCount;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the split (default: ${DEFAULT-VALUE}, as the paper).")
    long seed;

    /** Loads and splits the data set. GSM8K trains on gsm_train and tests on gsm_test, as the paper does. */
    LoadedData load() {
        try {
            return loadData();
        } catch (DatasetDownloadException e) {
            throw new DatasetDownloadException(e.getMessage() + " (--data-dir DIR)", e.getCause());
        }
    }

    /**
     * Loads and splits the data set for a search: a split that leaves no training example is a
     * usage error found here, before a run is created.
     */
    LoadedData loadForTraining() {
        LoadedData data = load();
        if (data.train().isEmpty()) {
            int all = data.train().size() + data.validation().size() + data.test().size();
            SplitSpec split = data.splitSpec();
            String rule = split.trainCount() != null ? "--train-count " + split.trainCount()
                    : String.format(Locale.ROOT, "a training share of %s of %d rounds to 0", split.trainFraction(), all);
            throw new IllegalArgumentException("--dataset " + dataset + ": the split leaves no training examples (" + all
                    + " example(s); " + rule + "): give --train-count N of at least 1 or a larger --train-fraction");
        }
        return data;
    }

    private LoadedData loadData() {
        DatasetSource source = DatasetSource.defaults();
        if (dataDir != null) {
            source = source.withUserFolder(dataDir);
        }
        String name = dataset.toLowerCase(Locale.ROOT);
        if (!BUILT_IN.contains(name)) {
            return loadFile(Path.of(dataset));
        }
        return switch (name) {
            case "gsm8k" -> {
                Dataset train = source.gsm8k("train");
                SplitSpec spec = spec(SplitSpec.gsm8kReference());
                DatasetSplit split = DatasetSplit.of(spec, train);
                yield new LoadedData(name, "train", spec, train.select(split.train()), train.select(split.validation()),
                        source.gsm8k("test").examples(), TaskGrading.forDataset(name), true,
                        MetaPromptConfig.taskDescription(name, ""));
            }
            case "bbh" -> {
                if (tasks == null || tasks.isEmpty()) {
                    throw new IllegalArgumentException("--dataset bbh needs --task (e.g. --task navigate)");
                }
                yield split(name, source.bbh(tasks), spec(SplitSpec.bbhReference()).withPerTask(true),
                        TaskGrading.forDataset(name), MetaPromptConfig.taskDescription(name, tasks.get(0)));
            }
            case "mmlu" -> {
                Dataset data;
                if (subject != null) {
                    data = source.mmluSubject(subject);
                } else if (category != null) {
                    data = source.mmluCategory(MmluCategory.fromName(category));
                } else {
                    throw new IllegalArgumentException("--dataset mmlu needs --subject or --category");
                }
                yield split(name, data, spec(SplitSpec.fractions(0.8, 0.0, seed)), TaskGrading.forDataset(name),
                        subject != null ? subject : category);
            }
            case "multiarith" -> split(name, source.multiArith(), spec(SplitSpec.fractions(0.2, 0.0, seed)),
                    TaskGrading.forDataset(name), "arithmetic");
            default -> split(name, source.aqua(), spec(SplitSpec.fractions(0.2, 0.0, seed)),
                    TaskGrading.forDataset(name), "algebra");
        };
    }

    private LoadedData loadFile(Path file) {
        Dataset data = UserDataLoader.load(file, new UserDataFormat(questionField, answerField, optionsField));
        return split(data.name(), data, spec(SplitSpec.fractions(0.2, 0.0, seed)),
                TaskGrading.fixed(inferGrading(data.examples())), data.task());
    }

    private LoadedData split(String name, Dataset data, SplitSpec spec, TaskGrading grading, String description) {
        DatasetSplit split = DatasetSplit.of(spec, data);
        return new LoadedData(name, data.task(), spec, data.select(split.train()), data.select(split.validation()),
                data.select(split.test()), grading, false, description);
    }

    /** The default split, with any of the user's split options over it. */
    private SplitSpec spec(SplitSpec defaults) {
        Double tf = trainFraction;
        Integer tc = trainCount;
        if (tf == null && tc == null) {
            tf = defaults.trainFraction();
            tc = defaults.trainCount();
        }
        Double vf = validationFraction;
        Integer vc = validationCount;
        if (vf == null && vc == null) {
            vf = defaults.validationFraction();
            vc = defaults.validationCount();
        }
        return new SplitSpec(tc != null ? null : tf, tc, vc != null ? null : vf, vc, seed, defaults.perTask());
    }

    /** A user file's answers decide how it is graded: numbers, yes/no, true/false, letters, or text. */
    static GradingSettings inferGrading(List<Example> examples) {
        if (examples.stream().allMatch(Example::isMultipleChoice)) {
            return GradingSettings.of(AnswerType.MULTIPLE_CHOICE);
        }
        if (examples.stream().allMatch(e -> e.target().strip().matches("-?[\\d,]*\\.?\\d+"))) {
            return GradingSettings.of(AnswerType.NUMERIC);
        }
        if (examples.stream().allMatch(e -> e.target().strip().matches("(?i)yes|no"))) {
            return GradingSettings.of(AnswerType.BOOLEAN, BooleanWords.YES_NO);
        }
        if (examples.stream().allMatch(e -> e.target().strip().matches("(?i)true|false"))) {
            return GradingSettings.of(AnswerType.BOOLEAN, BooleanWords.TRUE_FALSE);
        }
        return GradingSettings.of(AnswerType.FREE_TEXT);
    }
}
