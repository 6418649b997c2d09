package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One setting of a sweep: the {@code opro:} keys it sets over the sweep's base (without the
 * repetition's seed), and the label the report and terminal show for it.
 *
 * @param index  its place in the grid, from 0
 * @param label  a short name ("candidates_per_step=4, steps=8" when the file gives none)
 * @param values the setting's keys, snake_case, as in the file
 */
public record SweepSetting(int index, String label, ObjectNode values) {

    public SweepSetting {
        Objects.requireNonNull(label, "label");
        values = values.deepCopy();
    }
}
