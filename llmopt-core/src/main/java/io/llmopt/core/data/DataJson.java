package io.llmopt.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper for data-set files. Jackson refuses a string longer than 20 M characters by
 * default, a guard against hostile network input; a data set is a local file already read whole
 * into memory, so a long document (a 20 MB record) is accepted up to {@link #MAX_STRING_CHARS}
 * and beyond that said to be too long, not "not valid JSON".
 */
public final class DataJson {

    /** The longest string value in one record. */
    public static final int MAX_STRING_CHARS = 256 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build());

    private DataJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A line's problem in words: "too long" for a Jackson limit, else "not valid JSON". */
    public static String problem(Exception e) {
        return e instanceof StreamConstraintsException
                ? "too long (a value above " + MAX_STRING_CHARS / (1024 * 1024) + " M characters)"
                : "not valid JSON";
    }
}
