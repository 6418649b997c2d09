package io.llmopt.opro.numeric.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a solution as JSON for the run store and reads it back on resume. The JSON is also what
 * reports show, so it should read naturally: {@code [w, b]}, a list of point ids, an object of
 * parameter values.
 *
 * @param <S> the solution type
 */
public interface SolutionCodec<S> {

    JsonNode toJson(S solution);

    /** Reads what {@link #toJson} wrote; throws {@link IllegalArgumentException} for anything else. */
    S fromJson(JsonNode json);
}
