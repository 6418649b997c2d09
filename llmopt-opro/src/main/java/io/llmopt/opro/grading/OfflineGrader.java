package io.llmopt.opro.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Grades a JSONL file of model outputs without calling any model, for reproducing or checking
 * reported accuracies.
 *
 * <p>Each input line is a JSON object with {@code output} and {@code target}, and either
 * {@code dataset} ({@code gsm8k}, {@code multiarith}, {@code mmlu}, {@code aqua}, or {@code bbh} with
 * {@code task}) or {@code answer_type} ({@code numeric}, {@code boolean}, {@code multiple_choice},
 * {@code free_text}; Boolean words from {@code true_word}/{@code false_word} or the target). For
 * multiple choice the options come from {@code prompt}, {@code input} or {@code question} (the text
 * listing {@code (A) ...}), to which an {@code options} array of texts is appended as
 * {@code (A) text} lines. Each output line is the input object plus {@code parsed}, {@code correct},
 * {@code mode} and, when there is one, {@code reason}.
 *
 * <p>The reference's GPT-scorer setting ({@code is_gpt_model}: take the first {@code \boxed{...}} of
 * the output) comes per row from {@code gpt_scorer} (true/false) or from {@code scorer} (a model name,
 * GPT when it is {@code gpt-3.5-turbo} or {@code gpt-4}, as the reference decides), else from the
 * run's default. It changes reference-mode decisions only: strict mode always reads {@code \boxed{}}.
 */
public final class OfflineGrader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Grader grader;
    private final MalformedLinePolicy policy;
    private final boolean gptScorer;

    public OfflineGrader(Grader grader, MalformedLinePolicy policy) {
        this(grader, policy, false);
    }

    /**
     * @param gptScorer the run's default for the reference's GPT-scorer setting, for rows that give
     *     neither {@code gpt_scorer} nor {@code scorer}
     */
    public OfflineGrader(Grader grader, MalformedLinePolicy policy, boolean gptScorer) {
        this.grader = Objects.requireNonNull(grader, "grader");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gptScorer = gptScorer;
    }

    /** The reference's {@code is_gpt_model}: only these two scorer names turn on its {@code \boxed{}} rule. */
    public static boolean isReferenceGptScorer(String scorerName) {
        String name = scorerName.strip().toLowerCase(Locale.ROOT);
        return name.equals("gpt-3.5-turbo") || name.equals("gpt-4");
    }

    /** Grades {@code input} into {@code output} (created or replaced), both UTF-8. */
    public OfflineGradingReport grade(Path input, Path output) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            return grade(reader, writer, input.toString());
        }
    }

    /**
     * Grades JSONL from {@code in} into {@code out}.
     *
     * @param sourceName the name used in error messages, usually the file name
     * @throws OfflineGradingException on a malformed line under {@link MalformedLinePolicy#FAIL}
     */
    public OfflineGradingReport grade(Reader in, Writer out, String sourceName) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> errors = new ArrayList<>();
        int graded = 0;
        int correct = 0;
        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode row;
            GradeResult result;
            try {
                row = parseRow(line);
                result = gradeRow(row);
            } catch (IllegalArgumentException e) {
                String error = sourceName + ":" + lineNumber + ": " + e.getMessage();
                if (policy == MalformedLinePolicy.FAIL) {
                    throw new OfflineGradingException(error);
                }
                errors.add(error);
                continue;
            }
            row.put("parsed", result.parsedAnswer());
            row.put("correct", result.correct());
            row.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
            if (!result.reason().isEmpty()) {
                row.put("reason", result.reason());
            }
            out.write(JSON.writeValueAsString(row));
            out.write('\n');
            graded++;
            correct += result.score();
        }
        out.flush();
        return new OfflineGradingReport(grader.mode(), graded, correct, errors.size(), errors);
    }

    private static ObjectNode parseRow(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode row)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return row;
    }

    private GradeResult gradeRow(ObjectNode row) {
        String output = requiredText(row, "output");
        String target = requiredText(row, "target");
        GradingSettings settings = settingsOf(row, target).withBoxedAnswers(gptScorerOf(row));
        String inputText = optionalText(row, "prompt", optionalText(row, "input", optionalText(row, "question", "")));
        JsonNode options = row.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isArray()) {
                throw new IllegalArgumentException("'options' must be an array of option texts");
            }
            StringBuilder text = new StringBuilder(inputText);
            char letter = 'A';
            for (JsonNode option : options) {
                text.append("\n(").append(letter++).append(") ").append(option.asText());
            }
            inputText = text.toString();
        }
        return grader.grade(output, target, settings, inputText);
    }

    private boolean gptScorerOf(JsonNode row) {
        JsonNode flag = row.get("gpt_scorer");
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw new IllegalArgumentException("'gpt_scorer' must be true or false");
            }
            return flag.booleanValue();
        }
        String scorer = optionalText(row, "scorer", null);
        return scorer != null ? isReferenceGptScorer(scorer) : gptScorer;
    }

    private static GradingSettings settingsOf(JsonNode row, String target) {
        String dataset = optionalText(row, "dataset", null);
        if (dataset != null) {
            return GradingCatalog.forDataset(dataset, optionalText(row, "task", null));
        }
        String type = optionalText(row, "answer_type", null);
        if (type == null) {
            throw new IllegalArgumentException("needs 'dataset' or 'answer_type'");
        }
        AnswerType answerType;
        try {
            answerType = AnswerType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown answer_type '" + type
                    + "' (expected numeric, boolean, multiple_choice or free_text)");
        }
        if (answerType != AnswerType.BOOLEAN) {
            return GradingSettings.of(answerType);
        }
        String trueWord = optionalText(row, "true_word", null);
        String falseWord = optionalText(row, "false_word", null);
        if (trueWord != null && falseWord != null) {
            return GradingSettings.of(answerType, new BooleanWords(trueWord, falseWord));
        }
        return GradingSettings.of(answerType, wordsOfTarget(target));
    }

    private static BooleanWords wordsOfTarget(String target) {
        for (BooleanWords words : List.of(BooleanWords.YES_NO, BooleanWords.TRUE_FALSE, BooleanWords.VALID_INVALID)) {
            if (target.strip().equalsIgnoreCase(words.trueWord()) || target.strip().equalsIgnoreCase(words.falseWord())) {
                return words;
            }
        }
        throw new IllegalArgumentException("boolean target '" + target
                + "' is not yes/no, true/false or valid/invalid; give 'true_word' and 'false_word'");
    }

    private static String requiredText(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("'" + field + "' must be a string or number");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode row, String field, String fallback) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
