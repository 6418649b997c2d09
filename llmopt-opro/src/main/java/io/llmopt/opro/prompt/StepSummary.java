package io.llmopt.opro.prompt;

import java.util.List;

/**
 * What one step did.
 *
 * @param step        0 for the initial instructions, else the search step (1-based)
 * @param metaPrompt  the meta-prompt sent to the optimizer (null for step 0)
 * @param temperature the optimizer temperature used
 * @param exemplarIds the ids of the exemplars the meta-prompt showed
 * @param candidates  the step's candidates in sample order, kept and dropped
 * @param replayed    true when the step was read back from the store rather than computed
 */
public record StepSummary(int step, String metaPrompt, double temperature, List<String> exemplarIds,
                          List<PromptCandidate> candidates, boolean replayed) {

    public StepSummary {
        exemplarIds = List.copyOf(exemplarIds);
        candidates = List.copyOf(candidates);
    }

    public List<PromptCandidate> kept() {
        return candidates.stream().filter(PromptCandidate::kept).toList();
    }
}
