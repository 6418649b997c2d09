package io.llmopt.opro.prompt;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.RequestFingerprint;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.grading.GradeResult;
import io.llmopt.opro.grading.Grader;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.grading.GradingSettings;
import io.llmopt.opro.grading.OfflineGrader;
import io.llmopt.opro.scorerprompt.ScorerOutputExtractor;
import io.llmopt.opro.scorerprompt.ScorerPromptFormatter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The paper's scorer: the instruction placed in the example's prompt ({@link ScorerPromptFormatter}),
 * the scorer model's answer (optionally asked again for "the final answer"), graded against the
 * target by a {@link Grader}.
 */
public final class LlmExampleScorer implements ExampleScorer {

    private final LanguageModel scorer;
    private final ScorerPromptFormatter formatter;
    private final Grader grader;
    private final TaskGrading grading;
    private final double temperature;
    private final int maxTokens;
    private final boolean secondRound;

    public LlmExampleScorer(LanguageModel scorer, ScorerPromptFormatter formatter, Grader grader, TaskGrading grading,
                            double temperature, int maxTokens, boolean secondRound) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        this.grader = Objects.requireNonNull(grader, "grader");
        this.grading = Objects.requireNonNull(grading, "grading");
        this.temperature = temperature;
        this.maxTokens = maxTokens;
        this.secondRound = secondRound;
    }

    /**
     * The scorer a configuration describes, grading with {@code grading}. In reference grading a
     * scorer the reference counts as a GPT model ({@link OfflineGrader#isReferenceGptScorer}) has
     * its answers taken from {@code \boxed{}} first, as the reference's {@code is_gpt_model} does
     * and as {@code llmopt grade --gpt-scorer} reproduces offline: one rule for both.
     */
    public static LlmExampleScorer of(LanguageModel scorer, PromptOptimizationConfig config, TaskGrading grading) {
        return new LlmExampleScorer(scorer, config.scorerPromptFormatter(), new Grader(config.gradingMode()),
                forScorer(grading, scorer, config.gradingMode()),
                config.scorerTemperature(), config.scorerMaxTokens(), config.secondRoundExtraction());
    }

    /** {@code grading}, with the reference's GPT-scorer {@code \boxed{}} rule when it applies to {@code scorer}. */
    static TaskGrading forScorer(TaskGrading grading, LanguageModel scorer, GradingMode mode) {
        if (mode != GradingMode.REFERENCE || !OfflineGrader.isReferenceGptScorer(scorer.info().model())) {
            return grading;
        }
        return example -> grading.settingsFor(example).withBoxedAnswers(true);
    }

    @Override
    public CompletableFuture<ExampleOutcome> score(String instruction, Example example) {
        String prompt = formatter.format(instruction, example.question());
        ChatRequest request = ChatRequest.builder().user(prompt).temperature(temperature).maxTokens(maxTokens).build();
        String hash = RequestFingerprint.of(scorer.info().model(), request);
        CompletableFuture<Reply> answer = scorer.chat(request)
                .thenApply(r -> new Reply(r.text(), r.completions().get(0).truncated()));
        if (secondRound) {
            answer = answer.thenCompose(first -> {
                ChatRequest again = ChatRequest.builder()
                        .user(ScorerOutputExtractor.secondRoundPrompt(prompt, first.text()))
                        .temperature(temperature).maxTokens(ScorerOutputExtractor.SECOND_ROUND_MAX_TOKENS).build();
                // the answer read from an unfinished chain of thought is as cut as the chain
                return scorer.chat(again).thenApply(r -> new Reply(ScorerOutputExtractor.answerForParsing(r.text()),
                        first.truncated()));
            });
        }
        return answer.thenApply(reply -> grade(example, prompt, hash, reply.text(), reply.truncated()));
    }

    private ExampleOutcome grade(Example example, String prompt, String hash, String output, boolean truncated) {
        if (truncated && grader.mode() == GradingMode.STRICT) {
            // a number parsed from an unfinished chain of thought is right only by accident
            return new ExampleOutcome(example.id(), hash, output, null, 0.0, TextTokenEstimate.of(output), true);
        }
        GradingSettings settings = grading.settingsFor(example);
        // The reference reads the options out of the whole prompt; strict grading needs only the question.
        String optionsText = grader.mode() == GradingMode.REFERENCE ? prompt : example.question();
        GradeResult result = grader.grade(output, example.target(), settings, optionsText);
        String parsed = result.parsedAnswer().isEmpty() ? null : result.parsedAnswer();
        return new ExampleOutcome(example.id(), hash, output, parsed, result.correct() ? 1.0 : 0.0,
                TextTokenEstimate.of(output), truncated);
    }

    /** A scorer reply's text and whether it was cut at max_tokens. */
    private record Reply(String text, boolean truncated) {
    }
}
