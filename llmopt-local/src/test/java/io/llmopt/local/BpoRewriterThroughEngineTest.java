package io.llmopt.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.rewrite.ModelRewriter;
import io.llmopt.bpo.rewrite.Rewrite;
import io.llmopt.bpo.rewrite.RewriteMode;
import io.llmopt.bpo.rewrite.SampleChoice;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.MessageRole;
import io.llmopt.core.llm.ModelApi;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BPO model rewriter against {@code model serve} with a chat template set: its raw prompt
 * reaches the engine with no template around it, after exactly one BOS, as the reference's
 * {@code tokenizer(prompt_template.format(prompt))} gives it.
 */
class BpoRewriterThroughEngineTest {

    private static final String PROMPT = "how can I create a profile on Facebook?";
    /** infer_example.py's prompt_template.format(PROMPT). */
    private static final String REFERENCE_TEXT = "[INST] You are an expert prompt engineer. Please help me improve this prompt"
            + " to get a more helpful and harmless response:\n" + PROMPT + " [/INST]";

    private static LlamaEngine engine;
    private static LocalModelServer server;

    @BeforeAll
    static void start() throws Exception {
        // room for the reference's 1024 new tokens; ChatML set, so a wrapped prompt would show in the token count
        engine = LlamaEngine.load(TinyModel.file(), "THUDM/BPO", new EngineSettings(1, 2048, 1, 128),
                ChatTemplate.parse("chatml"), BosPolicy.ALWAYS);
        server = LocalModelServer.start(engine, "127.0.0.1", 0, 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRewritersRawPromptGetsNoTemplateAndOneBos() {
        List<ChatResponse> responses = new CopyOnWriteArrayList<>();
        LanguageModel http = OpenAiCompatibleModel.builder("http://127.0.0.1:" + server.port() + "/v1", "THUDM/BPO")
                .provider("llamacpp").api(ModelApi.COMPLETIONS).build();
        try (LanguageModel recording = new ForwardingLanguageModel(http) {
            @Override
            public CompletableFuture<ChatResponse> chat(ChatRequest request) {
                return super.chat(request).thenApply(r -> {
                    responses.add(r);
                    return r;
                });
            }
        }) {
            Rewrite rewrite = new ModelRewriter(recording, RewriteMode.STABLE, SampleChoice.FIRST).rewrite(PROMPT).join();
            assertThat(rewrite.original()).isEqualTo(PROMPT);
        }

        int bos = 1;
        long promptTokens = responses.getFirst().usage().promptTokens();
        assertThat(promptTokens).isEqualTo(engine.countTokens(REFERENCE_TEXT) + bos)
                .isEqualTo(engine.promptTokens(REFERENCE_TEXT).length);
        // the same text as a chat message would have been wrapped in the server's template
        int wrapped = engine.promptTokens(engine.render(List.of(new ChatMessage(MessageRole.USER, REFERENCE_TEXT)))).length;
        assertThat(promptTokens).isLessThan(wrapped);
    }

    @Test
    void aggressiveModeInLlamaCppFieldsIsServedWithItsNewlineStopAndMinimumLength() {
        List<ChatResponse> responses = new CopyOnWriteArrayList<>();
        LanguageModel http = OpenAiCompatibleModel.builder("http://127.0.0.1:" + server.port() + "/v1", "THUDM/BPO")
                .provider("llamacpp").api(ModelApi.COMPLETIONS).build();
        try (LanguageModel recording = new ForwardingLanguageModel(http) {
            @Override
            public CompletableFuture<ChatResponse> chat(ChatRequest request) {
                return super.chat(request).thenApply(r -> {
                    responses.add(r);
                    return r;
                });
            }
        }) {
            Rewrite rewrite = new ModelRewriter(recording, RewriteMode.AGGRESSIVE, SampleChoice.FIRST).rewrite(PROMPT).join();
            assertThat(rewrite.candidates()).hasSize(5);
        }
        ChatResponse response = responses.getFirst();
        assertThat(response.texts()).hasSize(5).allSatisfy(t -> assertThat(t).doesNotContain("\n"));
        assertThat(response.usage().completionTokens()).as("at least min_tokens 5 per sample").isGreaterThanOrEqualTo(25);
    }
}
