package io.llmopt.opro.grading;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces English number words by digits, as whole words: "twenty-four" and "twenty four" become
 * 24, "someone" stays "someone" (the reference replaces substrings, so it yields "some1").
 * Covers zero to ninety-nine, which is what GSM8K-style answers spell out.
 */
final class NumberWords {

    private static final Map<String, Integer> UNITS = new LinkedHashMap<>();
    private static final Map<String, Integer> TENS = new LinkedHashMap<>();
    private static final Pattern WORDS;

    static {
        String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < units.length; i++) {
            UNITS.put(units[i], i);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            TENS.put(tens[i], 20 + 10 * i);
        }
        String unit = String.join("|", UNITS.keySet());
        String ten = String.join("|", TENS.keySet());
        WORDS = Pattern.compile("(?i)\\b(?:(" + ten + ")(?:[- ](" + unit + "))?|(" + unit + "))\\b");
    }

    private NumberWords() {
    }

    static String toDigits(String text) {
        Matcher m = WORDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int value;
            if (m.group(1) != null) {
                value = TENS.get(m.group(1).toLowerCase(Locale.ROOT));
                if (m.group(2) != null) {
                    int unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
                    if (unit == 0 || unit > 9) {
                        // "twenty ten" is two numbers, not one: keep the tens word alone.
                        m.appendReplacement(out, value + Matcher.quoteReplacement(m.group().substring(m.group(1).length())));
                        continue;
                    }
                    value += unit;
                }
            } else {
                value = UNITS.get(m.group(3).toLowerCase(Locale.ROOT));
            }
            m.appendReplacement(out, Integer.toString(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
