package io.llmopt.opro.meta;

import io.llmopt.core.text.PythonText;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the new instruction out of one optimizer output, per meta-prompt style, as the reference does.
 * Returns no candidate only for the pre-trained style when there is no {@code <TEXT>...</TEXT>};
 * the other styles always return one (possibly empty) candidate, as the reference does.
 */
@FunctionalInterface
public interface CandidateExtractor {

    List<String> extract(String rawOutput);

    /** The extractor the reference uses for a style and instruction position. */
    static CandidateExtractor forStyle(OptimizerStyle style, InstructionPosition position) {
        return switch (style) {
            case CHAT -> position == InstructionPosition.A_BEGIN
                    ? tags("<Start>", "</Start>") : tags("<INS>", "</INS>");
            case COMPLETION -> CandidateExtractor::firstSquareBrackets;
            case PRETRAINED -> CandidateExtractor::firstTextTag;
        };
    }

    /**
     * Text between the first start tag and the first end tag, stripped; a missing start tag means
     * from the beginning, a missing end tag means to the end (an end tag before the start gives "").
     */
    static CandidateExtractor tags(String start, String end) {
        return raw -> {
            int from = raw.contains(start) ? raw.indexOf(start) + start.length() : 0;
            int to = raw.contains(end) ? raw.indexOf(end) : raw.length();
            return List.of(to <= from ? "" : PythonText.strip(raw.substring(from, to)));
        };
    }

    /** The inside of the first {@code [...]} on one line ({@code ""} when there is none). */
    static List<String> firstSquareBrackets(String raw) {
        // Python's "." stops only at \n, Java's at every line terminator: spell the class out.
        Matcher m = Holder.SQUARE.matcher(raw);
        return List.of(m.find() ? m.group(1) : "");
    }

    /** The inside of the first {@code <TEXT>...</TEXT>}, across lines; none when absent. */
    static List<String> firstTextTag(String raw) {
        Matcher m = Holder.TEXT.matcher(raw);
        return m.find() ? List.of(m.group(1)) : List.of();
    }

    /** Compiled patterns (interfaces cannot hold private constants). */
    final class Holder {
        static final Pattern SQUARE = Pattern.compile("\\[([^\\n]*?)\\]");
        static final Pattern TEXT = Pattern.compile("<TEXT>(.*?)</TEXT>", Pattern.DOTALL);

        private Holder() {
        }
    }
}
