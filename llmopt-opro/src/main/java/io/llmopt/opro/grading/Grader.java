package io.llmopt.opro.grading;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Grades a scorer model's output against a target: parses the answer and decides 0/1.
 *
 * <p>Immutable and thread-safe. {@link GradingMode#REFERENCE} reproduces the OPRO reference's
 * decisions exactly; it never throws where the reference raises, but returns an incorrect result
 * whose reason says so. {@link GradingMode#STRICT} is the default.
 */
public final class Grader {

    private static final Pattern TARGET_NUMBER = Pattern.compile("-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?");
    private static final Pattern TARGET_LETTER = Pattern.compile("\\(?([A-Za-z])\\)?");

    private final GradingMode mode;
    private final ReferenceAnswerParser referenceParser = new ReferenceAnswerParser();
    private final StrictAnswerParser strictParser = new StrictAnswerParser();

    public Grader(GradingMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** A grader in the default mode, {@link GradingMode#STRICT}. */
    public Grader() {
        this(GradingMode.defaultMode());
    }

    public GradingMode mode() {
        return mode;
    }

    /** Grades an output whose task has no options. */
    public GradeResult grade(String output, String target, GradingSettings settings) {
        return grade(output, target, settings, "");
    }

    /**
     * Grades one output.
     *
     * @param output the scorer's output
     * @param target the gold answer as the data set gives it ({@code 18}, {@code (B)}, {@code B}, {@code Yes})
     * @param settings the task's grading settings
     * @param inputText for multiple choice, the text listing the options; for exact reference parity
     *     pass the whole scorer prompt, as the reference does; ignored for other answer types
     */
    public GradeResult grade(String output, String target, GradingSettings settings, String inputText) {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        String options = settings.answerType() == AnswerType.MULTIPLE_CHOICE && inputText != null ? inputText : "";
        if (mode == GradingMode.REFERENCE) {
            return gradeReference(output, target, settings, options);
        }
        // Strict mode also reads the word list (word_sorting) and the open sequence (dyck_languages) of free-text tasks.
        String input = settings.answerType() == AnswerType.FREE_TEXT && inputText != null ? inputText : options;
        return gradeStrict(output, target, settings, input);
    }

    private GradeResult gradeReference(String output, String target, GradingSettings settings, String options) {
        String parsed;
        try {
            parsed = referenceParser.parse(output, settings, options);
        } catch (ReferenceFailure failure) {
            return new GradeResult("", false, mode, failure.getMessage());
        }
        try {
            boolean correct = ReferenceMatcher.matches(target, parsed, options, settings.treatIncludeAsCorrect());
            return new GradeResult(parsed, correct, mode, "");
        } catch (ReferenceFailure failure) {
            return new GradeResult(parsed, false, mode, failure.getMessage());
        }
    }

    private GradeResult gradeStrict(String output, String target, GradingSettings settings, String options) {
        StrictAnswer answer = strictParser.parseWithReason(output, settings, options);
        if (answer.answer().isEmpty()) {
            return new GradeResult("", false, mode, answer.reason());
        }
        String gold = target.strip();
        return switch (settings.answerType()) {
            case NUMERIC -> {
                if (!TARGET_NUMBER.matcher(gold).matches()) {
                    yield new GradeResult(answer.answer(), false, mode, "target '" + target + "' is not a number");
                }
                boolean equal = StrictAnswerParser.toDecimal(gold).compareTo(StrictAnswerParser.toDecimal(answer.answer())) == 0;
                yield new GradeResult(answer.answer(), equal, mode, "");
            }
            case BOOLEAN -> {
                String g = gold.toLowerCase(Locale.ROOT);
                BooleanWords words = settings.booleanWords();
                String t = words.trueWord().toLowerCase(Locale.ROOT);
                String f = words.falseWord().toLowerCase(Locale.ROOT);
                if (!g.equals(t) && !g.equals(f)) {
                    yield new GradeResult(answer.answer(), false, mode, "target '" + target + "' is neither " + t + " nor " + f);
                }
                yield new GradeResult(answer.answer(), answer.answer().equals(g), mode, "");
            }
            case MULTIPLE_CHOICE -> {
                var letter = TARGET_LETTER.matcher(gold);
                if (!letter.matches()) {
                    yield new GradeResult(answer.answer(), false, mode, "target '" + target + "' is not an option letter");
                }
                boolean equal = answer.answer().equalsIgnoreCase(letter.group(1));
                yield new GradeResult(answer.answer(), equal, mode, "");
            }
            case FREE_TEXT -> new GradeResult(answer.answer(),
                    freeTextEquals(answer.answer(), gold) || FreeTextAnswer.isWholeSequence(answer.answer(), gold, options), mode, "");
        };
    }

    /** Bracket-exact for targets made only of symbols (dyck_languages), word-exact otherwise. */
    private static boolean freeTextEquals(String answer, String target) {
        String gold = StrictAnswerParser.normaliseText(target);
        if (gold.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return FreeTextAnswer.symbols(answer).equals(FreeTextAnswer.symbols(gold));
        }
        return answer.equals(gold);
    }
}
