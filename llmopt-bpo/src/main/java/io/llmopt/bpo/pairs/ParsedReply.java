package io.llmopt.bpo.pairs;

/**
 * What a pair-construction reply says.
 *
 * @param comparison           the text before "Optimized Instruction:", unstripped as in the
 *                             reference (it starts with "Detailed Comparison Result:")
 * @param optimizedInstruction the improved instruction, stripped and unquoted
 */
public record ParsedReply(String comparison, String optimizedInstruction) {
}
