package io.llmopt.opro.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the tests find the shared benchmark data and their generated fixtures. */
final class TestData {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestData() {
    }

    /** The OPRO data folder of the shared checkout (set by surefire). */
    static Path oproData() {
        String shared = System.getProperty("llmopt.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property llmopt.shared.dir is not set (run the tests through Maven)");
        }
        return Path.of(shared, "data", "opro");
    }

    static JsonNode fixture(String name) {
        try (InputStream in = TestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
