package io.llmopt.core.stack;

import io.llmopt.core.llm.LanguageModel;
import java.util.List;

/**
 * What the {@link Layer}s are built from: the model's name and backends and the per-model options;
 * for the per-role layers, the role's inputs as well (null while building {@link SharedLayers}).
 */
record LayerInputs(String name, List<LanguageModel> backends, LayerOptions<?> options, RoleInputs role) {
}
