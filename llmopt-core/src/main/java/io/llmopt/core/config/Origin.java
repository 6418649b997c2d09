package io.llmopt.core.config;

/**
 * Where a setting came from, for error messages.
 *
 * @param source "/home/me/llmopt.yaml", "environment LLMOPT_CACHE_MODE", "flag --set", "defaults"
 * @param line   1-based line in a file, or 0 when not from a file
 */
public record Origin(String source, int line) {

    public String describe() {
        return line > 0 ? source + " line " + line : source;
    }
}
