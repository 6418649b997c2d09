package io.llmopt.opro.numeric;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * An in-memory optimizer model: a script maps (meta-prompt, sample index) to an output. Records
 * every request so tests can assert on meta-prompts and sampling parameters.
 */
public final class ScriptedOptimizerModel implements LanguageModel {

    private final BiFunction<ChatRequest, Integer, String> script;
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public ScriptedOptimizerModel(BiFunction<ChatRequest, Integer, String> script) {
        this.script = script;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        requests.add(request);
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            completions.add(new Completion(script.apply(request, i), FinishReason.STOP));
        }
        return CompletableFuture.completedFuture(new ChatResponse(completions, TokenUsage.ZERO, "scripted", false));
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("sim", "scripted", "memory");
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }
}
