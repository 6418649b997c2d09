package io.llmopt.opro.meta;

import io.llmopt.core.text.PythonText;
import java.util.Locale;

/**
 * The reference's {@code polish_sentence}: strip, remove {@code **}, and upper-case the first
 * letter when the text is longer than one character. (No ending punctuation is added: the
 * reference's optimizer calls it with that option off.)
 */
public final class InstructionPolisher {
    private InstructionPolisher() {
    }

    public static String polish(String candidate) {
        String text = PythonText.strip(candidate);
        if (text.isEmpty()) {
            return text;
        }
        text = text.replace("**", "");
        if (PythonText.length(text) > 1) {
            int first = text.codePointAt(0);
            int width = Character.charCount(first);
            // String.toUpperCase maps like Python's str.upper(), including one-to-many ("ß" -> "SS").
            text = text.substring(0, width).toUpperCase(Locale.ROOT) + text.substring(width);
        }
        return text;
    }
}
