package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Batches exchanged as files, for scoring on a GPU cluster: each submission's requests are written
 * to {@code DIR/<submission>.input.jsonl} in the standard batch input format, and the results are
 * read from {@code DIR/<submission>.output.jsonl} once something (e.g. {@code vllm run-batch -i IN -o OUT})
 * has written it in the standard output format. The run waits for that file, or stops and is resumed
 * after it appeared; an input file written by an earlier attempt is kept as it is.
 */
public final class FileBatchExchange implements BatchChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Duration pollInterval;
    private final Runnable onWaiting;

    /** {@code onWaiting} runs once per submission when the output is not there yet (to tell the user). */
    public FileBatchExchange(Path dir, Duration pollInterval, Runnable onWaiting) {
        this.dir = dir;
        this.pollInterval = pollInterval;
        this.onWaiting = onWaiting == null ? () -> { } : onWaiting;
    }

    public Path inputFile(String submissionId) {
        return dir.resolve(safe(submissionId) + ".input.jsonl");
    }

    public Path outputFile(String submissionId) {
        return dir.resolve(safe(submissionId) + ".output.jsonl");
    }

    @Override
    public BatchSubmitter.Outcome run(String submissionId, String endpoint, List<BatchLine> lines, BooleanSupplier stop) {
        try {
            Files.createDirectories(dir);
            Path input = inputFile(submissionId);
            if (!Files.exists(input)) {
                StringBuilder b = new StringBuilder();
                for (BatchLine line : lines) {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("custom_id", line.customId()).put("method", "POST").put("url", endpoint);
                    node.set("body", line.body());
                    b.append(node).append('\n');
                }
                Path partial = input.resolveSibling(input.getFileName() + ".part");
                Files.writeString(partial, b, StandardCharsets.UTF_8);
                Files.move(partial, input, StandardCopyOption.ATOMIC_MOVE);
            }
            Path output = outputFile(submissionId);
            boolean told = false;
            while (!Files.exists(output)) {
                if (!told) {
                    onWaiting.run();
                    told = true;
                }
                if (stop.getAsBoolean()) {
                    return new BatchSubmitter.Outcome(Map.of(), true);
                }
                Thread.sleep(pollInterval.toMillis());
            }
            return new BatchSubmitter.Outcome(read(output, lines), false);
        } catch (IOException e) {
            throw new UncheckedIOException("batch files in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BatchSubmitter.Outcome(Map.of(), true);
        }
    }

    private static Map<String, BatchResult> read(Path output, List<BatchLine> lines) throws IOException {
        Set<String> wanted = new HashSet<>();
        lines.forEach(l -> wanted.add(l.customId()));
        Map<String, BatchResult> results = new LinkedHashMap<>();
        List<String> text = Files.readAllLines(output, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text.get(i));
            } catch (IOException e) {
                throw new IOException(output + " line " + (i + 1) + ": not valid JSON");
            }
            String id = node.path("custom_id").asText(null);
            if (id == null || !wanted.contains(id)) {
                continue;
            }
            JsonNode response = node.path("response");
            results.put(id, response.isObject()
                    ? new BatchResult(id, response.path("status_code").asInt(), response.path("body"), null, null)
                    : new BatchResult(id, 0, null, node.path("error").path("code").asText(null),
                    node.path("error").path("message").asText(null)));
        }
        return results;
    }

    private static String safe(String submissionId) {
        return submissionId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
