package io.llmopt.opro.sweep;

import io.llmopt.opro.prompt.PromptOptimizationConfig;
import java.util.Locale;
import java.util.Objects;

/**
 * One run of a sweep: a setting at one repetition, with the full configuration it runs with.
 *
 * @param setting    the setting
 * @param repetition from 0; repetition r runs with the optimizer seed of the setting plus r
 * @param config     the run's configuration
 */
public record SweepCell(SweepSetting setting, int repetition, PromptOptimizationConfig config) {

    public SweepCell {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(config, "config");
    }

    /** The cell's key in the sweep, stable across resumes of the same file: "s03-r1". */
    public String key() {
        return String.format(Locale.ROOT, "s%02d-r%d", setting.index(), repetition);
    }
}
