package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.config.ConfigBinder;
import io.llmopt.core.config.ConfigException;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.PromptOptimizationSection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A sweep expanded: every setting (the listed settings times the grid's product, each over the
 * base) and every run (each setting once per repetition), each with its full configuration checked
 * before anything runs, so a bad value fails the sweep at once instead of its twentieth run.
 *
 * @param spec     the sweep file
 * @param settings the settings in grid order
 * @param cells    the runs: setting by setting, repetitions together
 */
public record SweepPlan(SweepSpec spec, List<SweepSetting> settings, List<SweepCell> cells) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LABEL = "label";

    public SweepPlan {
        settings = List.copyOf(settings);
        cells = List.copyOf(cells);
    }

    /**
     * Expands {@code spec} over {@code base} (the command's configuration: the defaults, the
     * configuration file's {@code opro:} section and the command-line flags).
     *
     * @param source names the sweep file in errors
     * @throws ConfigException naming the setting and key of the first bad value, or when the grid is too big
     */
    public static SweepPlan of(SweepSpec spec, PromptOptimizationConfig base, String source) {
        List<ObjectNode> listed = spec.settings() == null || spec.settings().isEmpty()
                ? List.of(NODES.objectNode()) : spec.settings();
        List<ObjectNode> combined = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ObjectNode setting : listed) {
            ObjectNode own = setting.deepCopy();
            String given = own.has(LABEL) ? own.remove(LABEL).asText() : null;
            for (ObjectNode axes : product(own, spec.grid() == null ? Map.of() : spec.grid())) {
                ObjectNode values = own.deepCopy();
                values.setAll(axes);
                combined.add(values);
                String head = given != null ? given : own.isEmpty() ? "" : labelOf(own);
                String tail = axes.isEmpty() ? "" : labelOf(axes);
                labels.add(head.isEmpty() ? (tail.isEmpty() ? "base" : tail) : tail.isEmpty() ? head : head + ", " + tail);
            }
        }
        long runs = (long) combined.size() * spec.repetitionCount();
        if (runs > SweepSpec.MAX_RUNS) {
            throw new ConfigException(source + ": the sweep has " + runs + " runs (" + combined.size() + " settings x "
                    + spec.repetitionCount() + " repetitions); at most " + SweepSpec.MAX_RUNS);
        }
        PromptOptimizationConfig common = apply(base, spec.base(), source + " base");
        List<SweepSetting> settings = new ArrayList<>();
        List<SweepCell> cells = new ArrayList<>();
        for (int i = 0; i < combined.size(); i++) {
            String label = labels.get(i);
            ObjectNode keys = combined.get(i);
            if (spec.instructionsPerRun() != null && !keys.has("steps")) {
                int perStep = apply(common, keys, source + " setting '" + label + "'").candidatesPerStep();
                keys.put("steps", (spec.instructionsPerRun() + perStep - 1) / perStep);
            }
            SweepSetting setting = new SweepSetting(i, label, keys);
            settings.add(setting);
            PromptOptimizationConfig config = apply(common, keys, source + " setting '" + label + "'");
            if (spec.repetitionCount() > 1 && config.optimizerSeed() == null) {
                throw new ConfigException(source + " setting '" + label + "': repetitions need an optimizer seed"
                        + " (optimizer_seed: none would make every repetition the same cached run)");
            }
            for (int r = 0; r < spec.repetitionCount(); r++) {
                PromptOptimizationConfig repeated = r == 0 ? config
                        : config.toBuilder().optimizerSeed(config.optimizerSeed() + r).build();
                cells.add(new SweepCell(setting, r, repeated));
            }
        }
        requireDistinctLabels(settings, source);
        return new SweepPlan(spec, settings, cells);
    }

    /** The runs of one setting, in repetition order. */
    public List<SweepCell> cellsOf(SweepSetting setting) {
        return cells.stream().filter(c -> c.setting().index() == setting.index()).toList();
    }

    private static PromptOptimizationConfig apply(PromptOptimizationConfig config, ObjectNode keys, String where) {
        if (keys == null || keys.isEmpty()) {
            return config;
        }
        try {
            PromptOptimizationSection section = ConfigBinder.bind(keys, PromptOptimizationSection.class, where);
            return section.applyTo(config.toBuilder()).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    /** Every combination of the axes' values (an axis the setting sets is not varied); one empty one without axes. */
    private static List<ObjectNode> product(ObjectNode setting, Map<String, List<JsonNode>> grid) {
        List<ObjectNode> out = List.of(NODES.objectNode());
        for (Map.Entry<String, List<JsonNode>> axis : grid.entrySet()) {
            if (setting.has(axis.getKey())) {
                continue;
            }
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode partial : out) {
                for (JsonNode value : axis.getValue()) {
                    ObjectNode combined = partial.deepCopy();
                    combined.set(axis.getKey(), value);
                    next.add(combined);
                }
            }
            out = next;
        }
        return out;
    }

    private static String labelOf(ObjectNode values) {
        StringBuilder label = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            label.append(label.isEmpty() ? "" : ", ").append(f.getKey()).append('=')
                    .append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
        }
        return label.toString();
    }

    private static void requireDistinctLabels(List<SweepSetting> settings, String source) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SweepSetting s : settings) {
            if (!seen.add(s.label())) {
                throw new ConfigException(source + ": two settings are labelled '" + s.label()
                        + "'; give each its own label");
            }
        }
    }
}
