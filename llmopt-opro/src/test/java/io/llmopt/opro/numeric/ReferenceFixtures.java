package io.llmopt.opro.numeric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Expected values produced by a throwaway Python transcription of the reference scripts
 * (google-deepmind/opro, optimize_linear_regression.py and optimize_tsp.py) with numpy 2.4.
 */
public final class ReferenceFixtures {

    private static JsonNode root;

    private ReferenceFixtures() {
    }

    public static synchronized JsonNode get() {
        if (root == null) {
            try (InputStream in = ReferenceFixtures.class.getResourceAsStream("numeric-reference.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
