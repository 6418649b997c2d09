package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The completion and pretrained meta-prompts reach an optimizer that speaks the completions API as
 * raw prompts, exactly as built; a chat optimizer still gets one user message.
 */
@ExtendWith(SimulatedLlmExtension.class)
class OptimizerRawPromptTest {

    private static PromptOptimizationResult run(SimulatedLlmServer sim, OptimizerStyle style, ModelApi optimizerApi) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        // every answer is wrong, so both starting instructions score 0 and the meta-prompt is known in advance
        sim.reply((request, sample) -> request.isRaw() ? "<TEXT>Let's think step by step.</TEXT> [Think it through.]"
                : request.lastUserMessage().startsWith("Create a piece") || request.lastUserMessage().startsWith("I have some")
                        ? "<INS>Let's think step by step.</INS>" : "I do not know.");
        try (LanguageModel scorer = ScriptedOpro.model(sim);
                LanguageModel optimizer = OpenAiCompatibleModel.builder(sim.baseUrl(), "base-model").provider("vllm")
                        .api(optimizerApi).build()) {
            return PromptOptimizer.builder()
                    .optimizer(optimizer).scorer(scorer, TaskGrading.forDataset("gsm8k"))
                    .config(ScriptedOpro.quickConfig().steps(1).candidatesPerStep(2).style(style)
                            .position(InstructionPosition.Q_BEGIN).taskDescription("grade school math").build())
                    .examples(data.train().subList(0, 3), List.of(), List.of())
                    .build().run();
        }
    }

    @Test
    void thePretrainedMetaPromptGoesRawAndByteForByteAsTheReferenceFormatsIt(SimulatedLlmServer sim) {
        PromptOptimizationResult result = run(sim, OptimizerStyle.PRETRAINED, ModelApi.COMPLETIONS);

        // the reference: head.format(...) then f"\n\nPrecision: {score} <TEXT>{instruction}</TEXT>" per instruction, ascending
        String expected = "Create a piece of text at the beginning of the question to enhance the precision in solving diverse"
                + " grade school math problems.\n\nPrecision: 0 <TEXT></TEXT>\n\nPrecision: 0 <TEXT>Solve it.</TEXT>";
        List<SimRequest> raw = sim.completionRequests();
        assertThat(raw).isNotEmpty().allSatisfy(r -> {
            assertThat(r.prompt()).isEqualTo(expected);
            assertThat(r.model()).isEqualTo("base-model");
            assertThat(r.messages()).isEmpty();
        });
        assertThat(raw.stream().mapToInt(SimRequest::n).sum()).isEqualTo(2);
        assertThat(result.steps()).filteredOn(s -> s.step() == 1).singleElement()
                .satisfies(s -> assertThat(s.metaPrompt()).isEqualTo(expected));
        assertThat(sim.chatRequests()).noneSatisfy(r -> assertThat(r.lastUserMessage()).startsWith("Create a piece"));
        assertThat(result.candidates()).extracting(PromptCandidate::instruction).contains("Let's think step by step.");
    }

    @Test
    void theCompletionStyleMetaPromptGoesRawToo(SimulatedLlmServer sim) {
        PromptOptimizationResult result = run(sim, OptimizerStyle.COMPLETION, ModelApi.COMPLETIONS);

        String metaPrompt = result.steps().stream().filter(s -> s.step() == 1).findFirst().orElseThrow().metaPrompt();
        assertThat(metaPrompt).startsWith("I have some texts along with their corresponding scores.");
        assertThat(sim.completionRequests()).isNotEmpty().allSatisfy(r -> assertThat(r.prompt()).isEqualTo(metaPrompt));
        assertThat(result.candidates()).extracting(PromptCandidate::instruction).contains("Think it through.");
    }

    @Test
    void aChatOptimizerStillGetsTheMetaPromptAsOneUserMessage(SimulatedLlmServer sim) {
        PromptOptimizationResult result = run(sim, OptimizerStyle.PRETRAINED, ModelApi.CHAT);

        String metaPrompt = result.steps().stream().filter(s -> s.step() == 1).findFirst().orElseThrow().metaPrompt();
        assertThat(sim.completionRequests()).isEmpty();
        List<SimRequest> optimizerCalls = sim.chatRequests().stream().filter(r -> "base-model".equals(r.model())).toList();
        assertThat(optimizerCalls).isNotEmpty().allSatisfy(r -> {
            assertThat(r.messages()).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo(metaPrompt));
            assertThat(r.sampling()).isEmpty();
        });
    }
}
