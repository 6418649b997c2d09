package io.llmopt.bpo.data;

/**
 * A record that could not be used, and why.
 *
 * @param location where it is; the record index is -1 when the file itself broke off
 * @param message  what is wrong with it
 */
public record ReadProblem(SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
