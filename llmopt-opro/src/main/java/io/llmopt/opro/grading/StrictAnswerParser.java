package io.llmopt.opro.grading;

import io.llmopt.core.text.PythonText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict answer extraction: the reference's intent (answer cues, {@code ####}, {@code \boxed{}},
 * units and separators, option letters and texts) without its false positives. Canonical forms:
 * a plain decimal for numbers, the task's lower-cased word for Booleans, an upper-case letter for
 * multiple choice, lower-cased whitespace-collapsed text otherwise. Each departure from the
 * reference is listed in docs/grading.md.
 */
final class StrictAnswerParser implements AnswerParser {

    /** A new question the model started on its own: only at a line start, not inside "FAQ:". */
    private static final Pattern NEXT_QUESTION = Pattern.compile("(?m)^[ \\t]*(?:Q|Question)[ \\t]*:");
    /** "answer", or the option-naming words chat models use ("the correct option is B"). */
    private static final String ANSWER_WORD = "\\b(?:answer|(?:correct|right|best|final)[ \\t]+(?:option|choice))";
    /** "is", or a restatement after a correction ("the answer should be 18"). */
    private static final String COPULA = "[ \\t]+(?:is|should[ \\t]+be|would[ \\t]+be|will[ \\t]+be)";
    private static final Pattern CUE_BEHIND = Pattern.compile("(?i)(?:" + ANSWER_WORD + "(?:" + COPULA + ")?[ \\t]*:|"
            + ANSWER_WORD + COPULA + "\\b|####|(?m)^[ \\t#]*(?:final[ \\t]+)?answer[ \\t:]*$)");
    /** Weaker cues, used only when no "answer" cue is present ("The sorted list is: ..."). */
    private static final Pattern CUE_BEHIND_SECONDARY = Pattern.compile("(?i)\\b(?:is|are)[ \\t]*:");
    private static final Pattern CUE_AHEAD =
            Pattern.compile("(?i)\\s+is\\s+the\\s+(?:correct\\s+|right\\s+|final\\s+)?answer\\b");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:/\\d+)?");
    private static final Pattern BRACKETED_LETTER = Pattern.compile("\\(([A-Za-z])\\)");
    private static final Pattern BARE_LETTER = Pattern.compile(
            "^\\[?([A-Za-z])\\]?(?:[).:](?:\\s|$)|$)|^([A-Z])\\s+(?=(?:because|since|as|-|\u2013|\u2014)\\s)");
    private static final Pattern NAMED_LETTER = Pattern.compile("(?i)\\b(?:option|choice)\\s+\\(?([A-Z])\\b\\)?");

    @Override
    public String parse(String output, GradingSettings settings, String inputText) {
        return parseWithReason(output, settings, inputText).answer();
    }

    StrictAnswer parseWithReason(String output, GradingSettings settings, String inputText) {
        Region region = answerRegion(output);
        return switch (settings.answerType()) {
            case NUMERIC -> number(region);
            case BOOLEAN -> bool(region, settings.booleanWords());
            case MULTIPLE_CHOICE -> choice(region, ChoiceOptions.parse(inputText));
            case FREE_TEXT -> {
                String listed = FreeTextAnswer.fromInput(output, inputText);
                String text = listed != null ? listed : normaliseText(region.text());
                yield text.isEmpty() ? StrictAnswer.none("no answer found") : StrictAnswer.of(text);
            }
        };
    }

    /** The part of the output that states the answer, and whether a cue marked it as such. */
    record Region(String text, boolean cued) {
    }

    static Region answerRegion(String output) {
        String boxed = lastBoxed(output);
        if (boxed != null) {
            return new Region(boxed.strip(), true);
        }
        String text = output;
        Matcher next = NEXT_QUESTION.matcher(text);
        while (next.find()) {
            if (!text.substring(0, next.start()).isBlank()) {
                text = text.substring(0, next.start());
                break;
            }
        }
        text = text.replace("**", "");
        int end = lastCueEnd(CUE_BEHIND, text);
        if (end < 0) {
            end = lastCueEnd(CUE_BEHIND_SECONDARY, text);
        }
        if (end >= 0) {
            return new Region(firstLine(stripColons(text.substring(end))), true);
        }
        Matcher ahead = CUE_AHEAD.matcher(text);
        if (ahead.find()) {
            String before = text.substring(0, ahead.start());
            int lineStart = before.lastIndexOf('\n');
            return new Region(before.substring(lineStart + 1).strip(), true);
        }
        return new Region(text.strip(), false);
    }

    private static int lastCueEnd(Pattern cue, String text) {
        Matcher m = cue.matcher(text);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }

    private static String stripColons(String s) {
        String t = s.strip();
        while (t.startsWith(":") || t.startsWith("\uff1a")) {
            t = t.substring(1).strip();
        }
        return t;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return (newline < 0 ? s : s.substring(0, newline)).strip();
    }

    /** The content of the last {@code \boxed{...}}, braces balanced, or null. */
    static String lastBoxed(String output) {
        int at = output.lastIndexOf("\\boxed{");
        if (at < 0) {
            return null;
        }
        int depth = 0;
        int start = at + "\\boxed{".length();
        for (int i = start; i < output.length(); i++) {
            char c = output.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return output.substring(start, i);
                }
                depth--;
            }
        }
        return null;
    }

    private static StrictAnswer number(Region region) {
        String text = NumberWords.toDigits(region.text());
        // LaTeX: thousands written 1{,}234 or 1,\\!234 or 1\\,234; fractions; inline-math delimiters.
        text = text.replace("{,}", ",").replace("\\!", "").replace("\\,", "")
                .replace("\\(", " ").replace("\\)", " ").replace("\u2212", "-");
        text = text.replaceAll("\\\\[dt]?frac\\{", "").replace("}{", "/").replace("}", "");
        if (region.cued() && text.contains("=")) {
            // An aside after the answer, "18 (since 6 = 3 + 3)", is not the result of the equation.
            String withoutAsides = text.replaceAll("\\([^()]*\\)", " ");
            if (withoutAsides.contains("=")) {
                text = withoutAsides.substring(withoutAsides.lastIndexOf('=') + 1);
            }
        }
        Matcher m = NUMBER.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group();
            if (region.cued()) {
                break;
            }
        }
        if (found == null) {
            return StrictAnswer.none("no number found");
        }
        BigDecimal value = toDecimal(found);
        return value == null ? StrictAnswer.none("division by zero in " + found) : StrictAnswer.of(plain(value));
    }

    /** A number as written in an answer or target: thousands commas, an optional fraction a/b. */
    static BigDecimal toDecimal(String number) {
        String n = number.replace(",", "");
        int slash = n.indexOf('/');
        if (slash < 0) {
            return new BigDecimal(n);
        }
        BigDecimal denominator = new BigDecimal(n.substring(slash + 1));
        if (denominator.signum() == 0) {
            return null;
        }
        return new BigDecimal(n.substring(0, slash)).divide(denominator, MathContext.DECIMAL64);
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    /** A Boolean answer stated first and then explained: "Yes, because no one ..." or "No." */
    private static final Pattern LEADING_WORD = Pattern.compile("^\\W*(\\p{L}+)\\W*?(?:[,.!;:\\u2013\\u2014-]|$)");

    private static StrictAnswer bool(Region region, BooleanWords words) {
        String trueWord = words.trueWord().toLowerCase(Locale.ROOT);
        String falseWord = words.falseWord().toLowerCase(Locale.ROOT);
        // true/false answer a Yes/No question too; valid/invalid and yes/no are no answer to another family.
        boolean truthWords = !words.equals(BooleanWords.VALID_INVALID);
        Pattern tokens = Pattern.compile("(?i)\\b(not[ \\t]+(?:deductively[ \\t]+|logically[ \\t]+)?)?(" + Pattern.quote(trueWord)
                + "|" + Pattern.quote(falseWord) + (truthWords ? "|true|false" : "") + ")\\b");
        String trimmed = trimPunctuation(region.text());
        if (trimmed.equals("1") || trimmed.equals("0")) {
            return StrictAnswer.of(trimmed.equals("1") ? trueWord : falseWord);
        }
        Matcher m = tokens.matcher(region.text());
        Boolean truth = null;
        boolean first = true;
        while (m.find()) {
            String word = m.group(2).toLowerCase(Locale.ROOT);
            boolean value = word.equals(trueWord) || word.equals("true");
            truth = m.group(1) != null ? !value : value;
            if (region.cued() || first && leads(region.text(), m.start())) {
                break;
            }
            first = false;
        }
        if (truth == null) {
            return StrictAnswer.none("no " + trueWord + "/" + falseWord + " found");
        }
        return StrictAnswer.of(truth ? trueWord : falseWord);
    }

    /** Whether the word at {@code at} opens the output and is set off as an answer ("Yes, ...", "No."). */
    private static boolean leads(String text, int at) {
        Matcher lead = LEADING_WORD.matcher(text);
        return lead.find() && lead.start(1) == at;
    }

    private static StrictAnswer choice(Region region, ChoiceOptions options) {
        String text = region.text();
        Set<Character> letters = new LinkedHashSet<>();
        Matcher bracketed = BRACKETED_LETTER.matcher(text);
        while (bracketed.find()) {
            char letter = Character.toUpperCase(bracketed.group(1).charAt(0));
            if (options.isEmpty() || options.has(letter)) {
                letters.add(letter);
            }
        }
        if (letters.size() == 1) {
            return StrictAnswer.of(letters.iterator().next().toString());
        }
        if (letters.size() > 1) {
            return StrictAnswer.none("ambiguous: several options " + letters);
        }
        String trimmed = text.strip();
        Matcher bare = BARE_LETTER.matcher(trimmed);
        Matcher named = NAMED_LETTER.matcher(trimmed);
        Character letter = null;
        if (bare.find()) {
            letter = Character.toUpperCase((bare.group(1) != null ? bare.group(1) : bare.group(2)).charAt(0));
        } else if (named.find()) {
            letter = Character.toUpperCase(named.group(1).charAt(0));
        }
        if (letter != null && (options.isEmpty() || options.has(letter))) {
            return StrictAnswer.of(letter.toString());
        }
        List<Character> byText = options.lettersMentioned(normaliseText(text));
        if (byText.size() == 1) {
            return StrictAnswer.of(byText.get(0).toString());
        }
        return byText.isEmpty() ? StrictAnswer.none("no option found")
                : StrictAnswer.none("ambiguous: several option texts " + byText);
    }

    private static String trimPunctuation(String s) {
        String t = s.strip();
        int start = 0;
        int end = t.length();
        while (start < end && PythonText.PUNCTUATION.indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && PythonText.PUNCTUATION.indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        return t.substring(start, end).strip();
    }

    /** Lower case, whitespace collapsed, surrounding quotes and a final period removed. */
    static String normaliseText(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        while (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'")
                || t.startsWith("`") && t.endsWith("`"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /** Option letters and texts as a multiple-choice prompt lists them. */
    static final class ChoiceOptions {
        private static final Pattern SYMBOL = Pattern.compile("\\(([A-Z])\\)");
        private final List<String> texts;

        private ChoiceOptions(List<String> texts) {
            this.texts = texts;
        }

        /** Options (A), (B), ... in order, stopping at the first missing letter, as the reference does. */
        static ChoiceOptions parse(String inputText) {
            List<String> texts = new ArrayList<>();
            for (char letter = 'A'; letter <= 'Z'; letter++) {
                String symbol = "(" + letter + ")";
                int at = optionStart(inputText, symbol);
                if (at < 0) {
                    break;
                }
                String rest = inputText.substring(at + symbol.length());
                Matcher nextSymbol = SYMBOL.matcher(rest);
                int end = nextSymbol.find() ? nextSymbol.start() : rest.length();
                int newline = rest.indexOf('\n');
                if (newline >= 0 && newline < end) {
                    end = newline;
                }
                texts.add(normaliseText(rest.substring(0, end)));
            }
            return new ChoiceOptions(texts);
        }

        /** Where an option is listed: its first occurrence at a line start, else its first occurrence. */
        private static int optionStart(String inputText, String symbol) {
            int first = inputText.indexOf(symbol);
            for (int at = first; at >= 0; at = inputText.indexOf(symbol, at + 1)) {
                if (at == 0 || inputText.charAt(at - 1) == '\n') {
                    return at;
                }
            }
            return first;
        }

        boolean isEmpty() {
            return texts.isEmpty();
        }

        boolean has(char letter) {
            return letter - 'A' < texts.size();
        }

        /** Letters whose option text the answer states, longest texts winning over texts they contain. */
        List<Character> lettersMentioned(String answer) {
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String option = texts.get(i);
                if (!option.isEmpty() && (answer.equals(option) || containsAsPhrase(answer, option))) {
                    hits.add(i);
                }
            }
            List<Character> letters = new ArrayList<>();
            for (int i : hits) {
                boolean insideLonger = hits.stream().anyMatch(j -> j != i
                        && texts.get(j).length() > texts.get(i).length() && containsAsPhrase(texts.get(j), texts.get(i)));
                if (!insideLonger) {
                    letters.add((char) ('A' + i));
                }
            }
            return letters;
        }

        private static boolean containsAsPhrase(String text, String phrase) {
            return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])").matcher(text).find();
        }
    }
}
