package io.llmopt.opro.grading;

import io.llmopt.core.text.PythonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's answer extraction (the option texts play no part in it): {@code _parse_prediction} (with {@code \boxed{}} for GPT
 * scorers), {@code metrics.get_normalized_prediction}, then the final
 * {@code _extract_second_round_answer_for_parsing} applied to every parsed choice.
 *
 * <p>Deliberately keeps every quirk (see docs/grading.md); do not "fix" anything here, fix it in
 * {@link StrictAnswerParser}.
 */
final class ReferenceAnswerParser implements AnswerParser {

    private static final List<String> BEHIND_PRIMARY = List.of("answer is ", "answer: ", "answer is: ");
    private static final List<String> BEHIND_SECONDARY = List.of("is: ", "are: ");
    private static final List<String> AHEAD = List.of(
            " is the correct answer", " is the right answer", " is the final answer", " is the answer");
    private static final String GSM8K_ANSWER = "#### ";
    /** The "step-by-step answer" delimiters of the reference's languages, in its dictionary order. */
    private static final List<String> STEP_ANSWER_DELIMITERS;
    /** The next-question delimiters, stripped and lower-cased as the reference uses them. */
    private static final List<String> NEXT_QUESTION_DELIMITERS;
    private static final Map<String, Integer> WORD_TO_NUM = new LinkedHashMap<>();
    private static final List<List<String>> BOOLEAN_SYMBOLS =
            List.of(List.of("false", "true"), List.of("no", "yes"), List.of("invalid", "valid"));
    /** Python's {@code .} does not match only {@code \n}: UNIX_LINES gives Java the same rule. */
    private static final Pattern FIRST_PARENTHESISED = Pattern.compile("\\(.*?\\)", Pattern.UNIX_LINES);
    private static final Pattern LAST_DIGIT_RUN =
            Pattern.compile("(\\d+)(?!.*\\d)", Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{(.*?)}", Pattern.UNIX_LINES);

    static {
        String[][] languages = {
            {"\u09aa\u09cd\u09b0\u09b6\u09cd\u09a8: ", "\u09a7\u09be\u09aa\u09c7 \u09a7\u09be\u09aa\u09c7 \u0989\u09a4\u09cd\u09a4\u09b0: "},
            {"Frage: ", "Schritt-f\u00fcr-Schritt-Antwort: "},
            {"Question: ", "Step-by-Step Answer: "},
            {"Pregunta: ", "Respuesta paso a paso: "},
            {"Question : ", "R\u00e9ponse \u00e9tape par \u00e9tape : "},
            {"\u554f\u984c\uff1a", "\u30b9\u30c6\u30c3\u30d7\u3054\u3068\u306e\u7b54\u3048\uff1a"},
            {"\u0417\u0430\u0434\u0430\u0447\u0430: ", "\u041f\u043e\u0448\u0430\u0433\u043e\u0432\u043e\u0435 \u0440\u0435\u0448\u0435\u043d\u0438\u0435: "},
            {"Swali: ", "Jibu la Hatua kwa Hatua: "},
            {"\u0c2a\u0c4d\u0c30\u0c36\u0c4d\u0c28: ", "\u0c26\u0c36\u0c32\u0c35\u0c3e\u0c30\u0c40\u0c17\u0c3e \u0c38\u0c2e\u0c3e\u0c27\u0c3e\u0c28\u0c02: "},
            {"\u0e42\u0e08\u0e17\u0e22\u0e4c: ", "\u0e04\u0e33\u0e15\u0e2d\u0e1a\u0e17\u0e35\u0e25\u0e30\u0e02\u0e31\u0e49\u0e19\u0e15\u0e2d\u0e19: "},
            {"\u95ee\u9898\uff1a", "\u9010\u6b65\u89e3\u7b54\uff1a"},
        };
        List<String> answers = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        for (String[] language : languages) {
            questions.add(PythonText.lower(PythonText.strip(language[0])));
            answers.add(PythonText.lower(language[1]));
        }
        // The reference adds "<lang>-en" aliases of English; splitting again on the English
        // delimiter after the first split cannot change the text, so the aliases add nothing.
        questions.add("q:");
        STEP_ANSWER_DELIMITERS = Collections.unmodifiableList(answers);
        NEXT_QUESTION_DELIMITERS = Collections.unmodifiableList(questions);
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < words.length; i++) {
            WORD_TO_NUM.put(words[i], i);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            WORD_TO_NUM.put(tens[i], 20 + 10 * i);
        }
    }

    @Override
    public String parse(String output, GradingSettings settings, String inputText) {
        String choice;
        if (settings.boxedAnswers() && output.contains("\\boxed")) {
            Matcher boxed = BOXED.matcher(output);
            if (!boxed.find()) {
                throw new ReferenceFailure("\\boxed without {...}: the reference raises IndexError");
            }
            choice = boxed.group(1);
        } else {
            choice = normalizedPrediction(output, settings.answerType() == AnswerType.NUMERIC,
                    settings.numDecimals(), settings.answerType() == AnswerType.BOOLEAN);
        }
        return finalExtraction(choice);
    }

    /** {@code _extract_second_round_answer_for_parsing}. */
    static String finalExtraction(String answer) {
        String text = PythonText.strip(PythonText.strip(answer, ":"));
        return PythonText.before(PythonText.before(text, "\n"), "Q:");
    }

    /** {@code metrics.get_normalized_prediction}. */
    static String normalizedPrediction(String prediction, boolean treatAsNumber, int numDecimals, boolean treatAsBool) {
        String parsed = PythonText.strip(PythonText.lower(prediction));
        // The reference chooses the pattern list on the original, case-sensitive text.
        List<String> behind = BEHIND_PRIMARY.stream().anyMatch(prediction::contains) ? BEHIND_PRIMARY : BEHIND_SECONDARY;
        List<String> delimitersBehind = new ArrayList<>(STEP_ANSWER_DELIMITERS);
        delimitersBehind.add(GSM8K_ANSWER);
        delimitersBehind.addAll(behind);

        for (String delimiter : NEXT_QUESTION_DELIMITERS) {
            parsed = PythonText.before(parsed, delimiter);
        }
        boolean answerIndicated = false;
        for (String delimiter : delimitersBehind) {
            if (parsed.contains(delimiter)) {
                parsed = PythonText.afterLast(parsed, delimiter);
                answerIndicated = true;
            }
        }
        for (String delimiter : AHEAD) {
            if (parsed.contains(delimiter)) {
                parsed = PythonText.before(parsed, delimiter);
                answerIndicated = true;
            }
        }
        parsed = PythonText.strip(parsed);
        parsed = PythonText.before(parsed, "this is the solution:");
        while (parsed.endsWith(".")) {
            parsed = parsed.substring(0, parsed.length() - 1);
        }
        while (parsed.endsWith("'")) {
            parsed = parsed.substring(0, parsed.length() - 1);
        }
        parsed = extractBracketedChoice(parsed);

        if (!treatAsBool) {
            return treatAsNumber ? parseAsNumber(parsed, answerIndicated, numDecimals) : PythonText.before(parsed, ".");
        }
        String asText = PythonText.before(parsed, ".");
        String asNumber = parseAsNumber(parsed, answerIndicated, numDecimals);
        if (BOOLEAN_SYMBOLS.stream().noneMatch(words -> words.contains(asText))) {
            if (asNumber.equals("0") || asNumber.equals("1")) {
                parsed = asNumber.equals("1") ? "true" : "false";
            }
            if (asText.equals("0") || asText.equals("1")) {
                parsed = asText.equals("1") ? "true" : "false";
            }
        } else {
            parsed = asText;
        }
        return PythonText.strip(PythonText.removePunctuation(parsed));
    }

    /** {@code _extract_bracketed_choice_from_string}: "(a) apple" becomes "(a)". */
    private static String extractBracketedChoice(String prediction) {
        String lower = PythonText.lower(prediction);
        int present = 0;
        for (char letter = 'a'; letter <= 'z'; letter++) {
            if (lower.contains("(" + letter + ")")) {
                present++;
            }
        }
        if (present == 1) {
            Matcher m = FIRST_PARENTHESISED.matcher(lower);
            m.find();
            return m.group();
        }
        return lower;
    }

    private static String parseAsNumber(String text, boolean answerIndicated, int numDecimals) {
        String parsed = PythonText.afterLast(text, "=");
        for (String c : List.of("$", ",", "%", "\u20ac", "\u00a3")) {
            parsed = parsed.replace(c, "");
        }
        parsed = PythonText.strip(PythonText.before(parsed, ":"));
        for (Map.Entry<String, Integer> entry : WORD_TO_NUM.entrySet()) {
            parsed = parsed.replace(entry.getKey(), entry.getValue().toString());
        }
        List<String> parts = PythonText.split(parsed, " ");
        if (!answerIndicated) {
            Collections.reverse(parts);
        }
        parsed = parts.get(0);
        for (String part : parts) {
            if (!PythonText.isAlpha(part)) {
                parsed = part;
                break;
            }
        }
        while (!parsed.isEmpty() && Character.isLetter(parsed.codePointBefore(parsed.length()))) {
            parsed = parsed.substring(0, parsed.length() - Character.charCount(parsed.codePointBefore(parsed.length())));
        }
        if (parsed.endsWith("-")) {
            parsed = parsed.substring(0, parsed.length() - 1);
        }
        if (PythonFloat.isFloat(parsed)) {
            return PythonFloat.roundAndFormat(PythonFloat.parse(parsed), numDecimals);
        }
        Matcher lastDigits = LAST_DIGIT_RUN.matcher(parsed);
        return lastDigits.find() ? lastDigits.group() : parsed;
    }
}
