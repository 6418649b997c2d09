package io.llmopt.cli;

import io.llmopt.opro.grading.Grader;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.grading.MalformedLinePolicy;
import io.llmopt.opro.grading.OfflineGrader;
import io.llmopt.opro.grading.OfflineGradingReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt grade}: grades model outputs produced elsewhere, with no model call. */
@Command(
        name = "grade",
        mixinStandardHelpOptions = true,
        description = {
            "Grades a JSONL file of model outputs offline and writes each row's parsed answer and correctness.",
            "Each line: {\"dataset\": \"gsm8k\"|\"multiarith\"|\"mmlu\"|\"aqua\"|\"bbh\" (+ \"task\"), or \"answer_type\": "
                    + "\"numeric\"|\"boolean\"|\"multiple_choice\"|\"free_text\"; \"output\"; \"target\"; optional \"question\", \"options\", "
                    + "\"gpt_scorer\" and \"scorer\"}."
        },
        footer = {"", "Examples:",
            "  llmopt grade outputs.jsonl",
            "  llmopt grade outputs.jsonl --mode reference -o graded.jsonl --fail-under 0.7"})
final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSONL file of model outputs.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the graded rows (default: FILE with .graded.jsonl).")
    Path output;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "strict",
            description = "strict (default: fixes the reference grader's quirks) or reference (the paper's decisions, quirks included).")
    String mode;

    @Option(names = "--gpt-scorer",
            description = "Reference mode: the outputs come from a GPT scorer, so the first \\boxed{...} is the answer, "
                    + "as the reference does for gpt-3.5-turbo and gpt-4. A row's \"gpt_scorer\" (true/false) or \"scorer\" "
                    + "(model name) overrides it. Strict mode always reads \\boxed{}.")
    boolean gptScorer;

    @Option(names = "--fail-on-malformed", description = "Stop at the first malformed line instead of skipping and reporting it.")
    boolean failOnMalformed;

    @Option(names = "--fail-under", paramLabel = "ACC",
            description = "Exit with code 1 when the accuracy is below this bar (0 to 1), for CI gates.")
    Double failUnder;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        GradingMode gradingMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "strict" -> GradingMode.STRICT;
            case "reference" -> GradingMode.REFERENCE;
            default -> throw new IllegalArgumentException("--mode must be strict or reference, got '" + mode + "'");
        };
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such file");
        }
        Path out = output != null ? output : defaultOutput(input);
        OfflineGrader grader = new OfflineGrader(new Grader(gradingMode),
                failOnMalformed ? MalformedLinePolicy.FAIL : MalformedLinePolicy.SKIP_AND_REPORT, gptScorer);
        OfflineGradingReport report = grader.grade(input, out);

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "accuracy %.4f (%d of %d correct, %s mode)%n",
                report.accuracy(), report.correct(), report.graded(), gradingMode.name().toLowerCase(Locale.ROOT));
        o.println("graded rows written to " + out);
        if (report.malformed() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(report.malformed() + " malformed line(s) skipped:");
            report.errors().stream().limit(20).forEach(e -> err.println("  " + e));
            if (report.errors().size() > 20) {
                err.println("  ... and " + (report.errors().size() - 20) + " more");
            }
        }
        if (failUnder != null && report.accuracy() < failUnder) {
            spec.commandLine().getErr().printf(Locale.ROOT, "accuracy %.4f is below --fail-under %.4f%n", report.accuracy(), failUnder);
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    static Path defaultOutput(Path in) {
        String name = in.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        return in.resolveSibling(stem + ".graded.jsonl");
    }
}
