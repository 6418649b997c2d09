package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import io.llmopt.opro.grading.GradingCatalog;
import io.llmopt.opro.grading.GradingSettings;
import java.util.Locale;
import java.util.Objects;

/** The grading settings of each example: per data set, and per task for BBH (whose tasks answer differently). */
@FunctionalInterface
public interface TaskGrading {

    GradingSettings settingsFor(Example example);

    /** The reference's settings for a built-in data set ({@code gsm8k}, {@code bbh}, {@code mmlu}, ...). */
    static TaskGrading forDataset(String dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset.toLowerCase(Locale.ROOT).equals("bbh")) {
            return example -> GradingCatalog.forBbhTask(example.task());
        }
        GradingSettings settings = GradingCatalog.forDataset(dataset);
        return example -> settings;
    }

    /** The same settings for every example (a user's data file). */
    static TaskGrading fixed(GradingSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return example -> settings;
    }
}
