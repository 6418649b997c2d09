package io.llmopt.bpo.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.text.PythonText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairParserTest {

    @Test
    void realisticReply() {
        String reply = """
                Detailed Comparison Result: The bad response names only one scientist without detail, while the good response explains the discovery.
                Optimized Instruction: Name a famous scientist who won a Nobel Prize, and briefly explain what the prize was awarded for. [END]""";
        ParsedReply parsed = PairParser.parse(reply).orElseThrow();
        assertThat(parsed.comparison()).isEqualTo("Detailed Comparison Result: The bad response names only one scientist "
                + "without detail, while the good response explains the discovery.\n");
        assertThat(parsed.optimizedInstruction())
                .isEqualTo("Name a famous scientist who won a Nobel Prize, and briefly explain what the prize was awarded for.");
    }

    @Test
    void missingMarkerIsUnusable() {
        assertThat(PairParser.parse("Detailed Comparison Result: the good one is better.\nHere is my prompt: ... [END]")).isEmpty();
        assertThat(PairParser.parse("")).isEmpty();
    }

    @Test
    void markerAfterEndDoesNotCount() {
        assertThat(PairParser.parse("Comparison... [END]\nOptimized Instruction: too late")).isEmpty();
    }

    @Test
    void noEndMeansTheWholeReply() {
        assertThat(PairParser.parse("Detailed Comparison Result: x\nOptimized Instruction:  Write a poem about rain.\n\n"))
                .map(ParsedReply::optimizedInstruction).contains("Write a poem about rain.");
    }

    @Test
    void oneLayerOfQuotesIsRemovedFromAStringLiteral() {
        assertThat(optimized("Optimized Instruction: \"Write a haiku about autumn.\" [END]")).contains("Write a haiku about autumn.");
        assertThat(optimized("Optimized Instruction: 'Say \"hi\" politely.'[END]")).contains("Say \"hi\" politely.");
        // Doubled quotes are not a literal for eval (an empty string, then a name), so nothing is removed.
        assertThat(optimized("Optimized Instruction: \"\"Nested\"\" [END]")).contains("\"\"Nested\"\"");
        assertThat(optimized("Optimized Instruction: \"'inner quotes kept'\" [END]")).contains("'inner quotes kept'");
        assertThat(optimized("Optimized Instruction:\n\"On its own line.\"\n[END]")).contains("On its own line.");
        assertThat(optimized("Optimized Instruction: \"  padded  \" [END]")).contains("padded");
    }

    @Test
    void escapesAreDecodedLikePythonEval() {
        assertThat(optimized("Optimized Instruction: \"Line one\\nLine two\" [END]")).contains("Line one\nLine two");
        assertThat(optimized("Optimized Instruction: \"It\\'s fine\" [END]")).contains("It's fine");
        assertThat(optimized("Optimized Instruction: r\"C:\\new\" [END]")).contains("C:\\new");
        assertThat(optimized("Optimized Instruction: \"unknown \\q escape\" [END]")).contains("unknown \\q escape");
        assertThat(optimized("Optimized Instruction: \"\"\"Multi\nline\"\"\" [END]")).contains("Multi\nline");
    }

    @Test
    void textThatIsNotExactlyAStringLiteralIsOnlyStripped() {
        // eval fails on these, so the reference falls back to the stripped text, quotes and all.
        assertThat(optimized("Optimized Instruction: \"Describe the image.\" Be concise. [END]"))
                .contains("\"Describe the image.\" Be concise.");
        assertThat(optimized("Optimized Instruction: \"unterminated [END]")).contains("\"unterminated");
        assertThat(optimized("Optimized Instruction: \"two\nlines\" [END]")).contains("\"two\nlines\"");
        assertThat(optimized("Optimized Instruction:\n  \"indented\"[END]")).contains("\"indented\"");
        assertThat(optimized("Optimized Instruction: 42 [END]")).contains("42");
    }

    @Test
    void aSecondMarkerCutsTheInstructionLikePythonSplit() {
        String reply = "Detailed Comparison Result: ...\nOptimized Instruction: First version.\nOptimized Instruction: Second version. [END]";
        assertThat(optimized(reply)).contains("First version.");
    }

    @Test
    void textAfterEndIsIgnored() {
        assertThat(optimized("Optimized Instruction: Plan a trip to Rome. [END]\nI hope this helps!")).contains("Plan a trip to Rome.");
    }

    @Test
    void pythonStripAndSplitIncludeNonBreakingSpace() {
        assertThat(PythonText.strip("\u00A0 hi \u00A0")).isEqualTo("hi");
        assertThat(PythonText.words(" a\u00A0b\tc\n\n d ")).containsExactly("a", "b", "c", "d");
    }

    private static Optional<String> optimized(String reply) {
        return PairParser.parse(reply).map(ParsedReply::optimizedInstruction);
    }
}
