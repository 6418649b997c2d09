package io.llmopt.opro.numeric.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the number an external objective answered with. */
final class ObjectiveOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectiveOutput() {
    }

    /** The last non-blank line, as a number; or a JSON object's "value" field. */
    static double parse(String output) {
        String last = output.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("objective printed nothing"));
        if (last.startsWith("{")) {
            try {
                JsonNode value = JSON.readTree(last).get("value");
                if (value != null && value.isNumber()) {
                    return value.asDouble();
                }
            } catch (Exception e) {
                throw new IllegalStateException("objective output is not a number: " + abbreviate(last), e);
            }
            throw new IllegalStateException("objective JSON has no numeric \"value\": " + abbreviate(last));
        }
        try {
            return Double.parseDouble(last);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("objective output is not a number: " + abbreviate(last), e);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
