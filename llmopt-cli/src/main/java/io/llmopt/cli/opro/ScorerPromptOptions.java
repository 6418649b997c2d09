package io.llmopt.cli.opro;

import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import picocli.CommandLine.Option;

/**
 * How the scorer is prompted and graded: shared by {@code opro prompt} and {@code opro evaluate}
 * so that an instruction is evaluated the way it was optimized. Unset options leave the
 * configuration's values.
 */
final class ScorerPromptOptions {

    @Option(names = "--position", paramLabel = "POS", description = "Instruction position: before_Q, Q_begin (default), Q_end, A_begin.")
    String position;

    @Option(names = "--include-qa", description = "Use the Q:/A: format in scorer prompts (needed for before_Q and A_begin).")
    Boolean includeQa;

    @Option(names = "--grading", paramLabel = "MODE", description = "strict (default) or reference (the paper's grader, quirks included).")
    String grading;

    void applyTo(PromptOptimizationConfig.Builder builder) {
        if (position != null) builder.position(InstructionPosition.parse(position));
        if (includeQa != null) builder.includeQa(includeQa);
        if (grading != null) builder.gradingMode(OproPromptCommand.enumValue(GradingMode.class, grading, "--grading"));
    }
}
