package io.llmopt.opro.meta;

import io.llmopt.core.text.PythonText;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the meta-prompt for one optimization step from the history and the step's exemplars,
 * byte for byte as the reference's {@code gen_meta_prompt} does for the same inputs.
 */
public final class MetaPromptBuilder {
    private final MetaPromptConfig config;

    public MetaPromptBuilder(MetaPromptConfig config) {
        this.config = config;
    }

    public MetaPromptConfig config() {
        return config;
    }

    /** The meta-prompt without exemplars (the reference's {@code few_shot_qa_pairs=False}). */
    public String build(List<ScoredInstruction> history) {
        return build(history, null);
    }

    /**
     * The meta-prompt with an exemplar part.
     *
     * @param history   every scored instruction so far, in the order they were scored
     * @param exemplars the step's exemplars; an empty list still adds the exemplar introduction, as the
     *                  reference does when a selection finds nothing; null for no exemplar part.
     *                  The pre-trained style never shows exemplars.
     */
    public String build(List<ScoredInstruction> history, List<Example> exemplars) {
        if (config.style() == OptimizerStyle.PRETRAINED) {
            return pretrained(history);
        }
        boolean chat = config.style() == OptimizerStyle.CHAT;
        boolean startSentence = chat && config.position() == InstructionPosition.A_BEGIN;
        String head = chat
                ? MetaPromptTemplates.text(startSentence ? "chat.head.starting_sentence" : "chat.head.instruction")
                : MetaPromptTemplates.text("completion.head");
        List<ScoredInstruction> shown = InstructionScorePairs.shown(history, config.scoreThreshold(),
                config.maxNumInstructions());
        String pairs = head + InstructionScorePairs.format(shown, config.scoreBuckets());

        StringBuilder prompt = new StringBuilder();
        if (exemplars == null) {
            prompt.append(pairs);
        } else {
            String exemplarPart = exemplarPart(exemplars, chat ? "chat" : "completion");
            if (config.instructionsBeforeExemplars()) {
                prompt.append(pairs).append("\n\n").append(exemplarPart);
            } else {
                prompt.append(exemplarPart).append("\n\n").append(pairs);
            }
        }
        if (chat) {
            prompt.append(MetaPromptTemplates.text(startSentence ? "chat.tail.starting_sentence" : "chat.tail.instruction"));
        } else {
            prompt.append(MetaPromptTemplates.text("completion.tail"));
        }
        return prompt.toString();
    }

    private String exemplarPart(List<Example> exemplars, String style) {
        StringBuilder part = new StringBuilder(MetaPromptTemplates.text(style + ".exemplars.intro"));
        String key = style + ".exemplar." + (config.includeQa() ? "" : "no_qa.") + config.position().paperName();
        boolean placeable = config.includeQa() || config.position() == InstructionPosition.Q_BEGIN
                || config.position() == InstructionPosition.Q_END;
        if (!exemplars.isEmpty() && !placeable) {
            // The reference asserts the same: without "Q:" and "A:" an exemplar has no place for before_Q or A_begin.
            throw new IllegalArgumentException("exemplars without the Q/A format need instruction position Q_begin or "
                    + "Q_end, not " + config.position().paperName() + "; turn includeQa on");
        }
        for (Example exemplar : exemplars) {
            part.append(MetaPromptTemplates.render(key, Map.of("question", exemplar.question())));
            part.append(MetaPromptTemplates.render(style + ".exemplar.answer", Map.of("answer", exemplar.target())));
        }
        return part.toString();
    }

    private String pretrained(List<ScoredInstruction> history) {
        String position = MetaPromptTemplates.text("pretrained.position." + config.position().paperName());
        StringBuilder prompt = new StringBuilder(MetaPromptTemplates.render("pretrained.head",
                Map.of("position", PythonText.strip(position), "task", PythonText.strip(config.taskDescription()))));
        // Every past instruction, ascending; this style applies neither the cap nor the threshold.
        List<ScoredInstruction> sorted = new ArrayList<>(history);
        sorted.sort(java.util.Comparator.comparingDouble(ScoredInstruction::score));
        for (ScoredInstruction entry : sorted) {
            prompt.append(MetaPromptTemplates.render("pretrained.pair",
                    Map.of("score", config.scoreBuckets().show(entry.score(), 2), "instruction", entry.instruction())));
        }
        return prompt.toString();
    }
}
