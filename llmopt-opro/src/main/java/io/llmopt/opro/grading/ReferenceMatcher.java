package io.llmopt.opro.grading;

import io.llmopt.core.text.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference's {@code eval_utils._get_accuracy}: compares a parsed answer with a target by
 * exact match, match without punctuation, option text, Boolean meaning and, when enabled,
 * "the target string is contained in the prediction". Quirks kept on purpose.
 */
final class ReferenceMatcher {

    private static final String LOWERCASE_LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final List<List<String>> BOOLEAN_SYMBOLS =
            List.of(List.of("false", "true"), List.of("no", "yes"), List.of("invalid", "valid"));
    private static final Pattern OPTION_SPLIT;

    static {
        StringBuilder regex = new StringBuilder();
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            regex.append("\\(").append(letter).append("\\)|");
        }
        OPTION_SPLIT = Pattern.compile(regex.append("A:").toString());
    }

    private ReferenceMatcher() {
    }

    /**
     * @param inputText the prompt holding the options for a multiple-choice question, else empty
     * @throws ReferenceFailure where the reference raises (a target letter beyond the options)
     */
    static boolean matches(String target, String prediction, String inputText, boolean treatIncludeAsCorrect) {
        String trueAnswer = PythonText.lower(target);
        String predAnswer = PythonText.lower(prediction);
        boolean targetIncluded = predAnswer.contains(trueAnswer);
        boolean hasInput = !inputText.isEmpty();
        List<String> otherTexts = new ArrayList<>();
        String trueText = "";
        if (hasInput) {
            // The reference tests membership in the string "abc...z", so "" and "ab" count as letters too.
            if (LOWERCASE_LETTERS.contains(trueAnswer)) {
                trueAnswer = "(" + trueAnswer + ")";
            }
            if (LOWERCASE_LETTERS.contains(predAnswer)) {
                predAnswer = "(" + predAnswer + ")";
            }
            if (!isBracketedLetter(trueAnswer)) {
                return false;
            }
            trueText = PythonText.lower(optionText(inputText, trueAnswer));
            int trueIndex = trueAnswer.charAt(1) - 'a';
            for (char letter = 'A'; letter <= 'Z'; letter++) {
                if (!inputText.contains("(" + letter + ")")) {
                    break;
                }
                if (letter - 'A' != trueIndex) {
                    otherTexts.add(optionText(inputText, "(" + letter + ")"));
                }
            }
        }
        if (isBracketedLetter(trueAnswer)) {
            trueAnswer = trueAnswer.substring(1, 2);
        }
        if (isBracketedLetter(predAnswer)) {
            predAnswer = predAnswer.substring(1, 2);
        }
        boolean exactMatch = predAnswer.equals(trueAnswer)
                || PythonText.strip(PythonText.removePunctuation(predAnswer)).equals(PythonText.strip(PythonText.removePunctuation(trueAnswer)));
        boolean choiceTextExact = hasInput
                && (predAnswer.equals(trueText) || PythonText.strip(filenamePunctuation(predAnswer)).equals(trueText));
        boolean choiceTextIncluded = false;
        if (hasInput && predAnswer.contains(trueText)) {
            String t = trueText;
            boolean trueTextInNoOther = otherTexts.stream().noneMatch(other -> other.contains(t));
            String searched = trueTextInNoOther ? predAnswer.replace(trueText, "") : predAnswer;
            choiceTextIncluded = otherTexts.stream().noneMatch(searched::contains);
        }
        boolean booleanMatch = false;
        for (List<String> words : BOOLEAN_SYMBOLS) {
            int position = words.indexOf(trueAnswer);
            if (position >= 0) {
                String meaning = position == 1 ? "true" : "false";
                if (predAnswer.equals("0") || predAnswer.equals("1")) {
                    predAnswer = predAnswer.equals("1") ? "true" : "false";
                }
                booleanMatch = predAnswer.equals(meaning) || PythonText.strip(predAnswer).equals(meaning);
                break;
            }
        }
        boolean correct = exactMatch || choiceTextExact || choiceTextIncluded || booleanMatch;
        return correct || (treatIncludeAsCorrect && targetIncluded);
    }

    private static boolean isBracketedLetter(String s) {
        return s.length() == 3 && s.charAt(0) == '(' && s.charAt(2) == ')'
                && s.charAt(1) >= 'a' && s.charAt(1) <= 'z';
    }

    /** {@code _get_answer_text}: the lower-cased text after the option's symbol, up to the line end. */
    private static String optionText(String inputText, String symbol) {
        String[] pieces = OPTION_SPLIT.split(inputText, -1);
        int index = Character.toLowerCase(symbol.charAt(1)) - 'a';
        if (index + 1 >= pieces.length) {
            throw new ReferenceFailure("option " + symbol.toUpperCase() + " is not in the prompt: the reference raises IndexError");
        }
        String text = PythonText.lower(PythonText.strip(pieces[index + 1]));
        return PythonText.before(text, "\n");
    }

    /** The reference's filename-safe punctuation removal, which it (oddly) uses for option-text matching. */
    private static String filenamePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '!' -> out.append("<EXCLAMATION>");
                case '?' -> out.append("<QUESTION>");
                case '.' -> out.append("<PERIOD>");
                default -> {
                    if (PythonText.PUNCTUATION.indexOf(c) < 0) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
